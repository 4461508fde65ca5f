package org.bkdms.ledger.tx;

import java.util.Arrays;
import java.util.HexFormat;
import org.bkdms.core.crypto.Sha256;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/** Identifier of a ledger transaction: SHA-256 over its complete DER encoding. */
public final class TxId implements Comparable<TxId> {
    /** Octets in a transaction id. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private TxId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param encodedTransaction the DER {@code LedgerTransaction}
     * @return its id
     */
    public static TxId of(byte[] encodedTransaction) {
        return new TxId(Sha256.digest(encodedTransaction));
    }

    /**
     * @param hex 64 hexadecimal digits
     * @return the id
     * @throws ValidationException if the text is not a transaction id
     */
    public static TxId parse(String hex) {
        try {
            byte[] b = HexFormat.of().parseHex(hex);
            if (b.length == LENGTH) {
                return new TxId(b);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ValidationException(Violation.INVALID_FIELD, "not a transaction id (64 hex digits): " + hex);
    }

    /**
     * @param bytes exactly 32 octets
     * @return the id
     */
    public static TxId wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new ValidationException(Violation.INVALID_FIELD, "transaction id must have 32 octets");
        }
        return new TxId(bytes.clone());
    }

    /** @return a copy of the octets */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(TxId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** @return lower-case hexadecimal */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
