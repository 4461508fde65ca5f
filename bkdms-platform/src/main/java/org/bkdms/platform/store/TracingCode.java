package org.bkdms.platform.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bkdms.core.crypto.Sha256;
import org.bkdms.core.error.DecodeException;
import org.bkdms.ledger.tx.TxId;

/**
 * The tracing code of a Y.4907 Table 10-3 storage record: it locates the record on its chain (which
 * chain, which block, which transaction) and names the transaction, so the record can be backtracked
 * to its block and, through the transaction's signed envelope, to its sampling site.
 *
 * <p>Encoding, {@value #LENGTH} octets (see {@code docs/FORMAT.md}):
 * <pre>
 * version (1 octet, 0x01)
 * chain   (8 octets)  first 8 octets of SHA-256 over the chain id's ASCII octets
 * height  (8 octets)  block height, unsigned big-endian
 * index   (4 octets)  transaction index inside the block, unsigned big-endian
 * txId    (32 octets) SHA-256 of the transaction's DER encoding
 * </pre>
 * Every field comes from the chain alone, so any verifier can recompute the code. Its text form is
 * lowercase hexadecimal. Immutable.
 *
 * @param chainTag the first 8 octets of SHA-256 of the chain id
 * @param height the block height
 * @param index the transaction's index in the block
 * @param txId the transaction id
 */
public record TracingCode(byte[] chainTag, long height, int index, TxId txId) {
    /** Octets of an encoded tracing code. */
    public static final int LENGTH = 1 + 8 + 8 + 4 + TxId.LENGTH;
    /** The only version defined. */
    public static final int VERSION = 1;

    /**
     * Checks and copies the parts.
     *
     * @param chainTag see {@link #chainTag()}
     * @param height see {@link #height()}
     * @param index see {@link #index()}
     * @param txId see {@link #txId()}
     */
    public TracingCode {
        Objects.requireNonNull(txId, "txId");
        if (chainTag.length != 8 || height < 0 || index < 0) {
            throw new IllegalArgumentException("tracing code needs an 8-octet chain tag and non-negative height and index");
        }
        chainTag = chainTag.clone();
    }

    /**
     * @param chainId the chain's id (its URL)
     * @param height the block height
     * @param index the transaction's index in the block
     * @param txId the transaction id
     * @return the tracing code of that transaction
     */
    public static TracingCode of(String chainId, long height, int index, TxId txId) {
        return new TracingCode(chainTag(chainId), height, index, txId);
    }

    /**
     * @param chainId a chain id
     * @return the 8 octets that stand for it in a tracing code
     */
    public static byte[] chainTag(String chainId) {
        return Arrays.copyOf(Sha256.digest(chainId.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 8);
    }

    /**
     * @param encoded an encoded tracing code
     * @return the code
     * @throws DecodeException if the octets are not a version-1 tracing code
     */
    public static TracingCode decode(byte[] encoded) {
        if (encoded.length != LENGTH) {
            throw new DecodeException(0, "tracing code has " + encoded.length + " octets, expected " + LENGTH);
        }
        if (encoded[0] != VERSION) {
            throw new DecodeException(0, "tracing code version " + (encoded[0] & 0xFF) + " is not " + VERSION);
        }
        ByteBuffer b = ByteBuffer.wrap(encoded, 1, LENGTH - 1);
        byte[] tag = new byte[8];
        b.get(tag);
        long height = b.getLong();
        int index = b.getInt();
        if (height < 0 || index < 0) {
            throw new DecodeException(9, "tracing code height or index out of range");
        }
        byte[] id = new byte[TxId.LENGTH];
        b.get(id);
        return new TracingCode(tag, height, index, TxId.wrap(id));
    }

    /**
     * @param text the hexadecimal form
     * @return the code
     * @throws DecodeException if the text is not the hexadecimal form of a tracing code
     */
    public static TracingCode parse(String text) {
        byte[] octets;
        try {
            octets = HexFormat.of().parseHex(text.trim());
        } catch (IllegalArgumentException e) {
            throw new DecodeException(0, "tracing code is not hexadecimal", e);
        }
        return decode(octets);
    }

    /** @return a copy of the chain tag */
    @Override
    public byte[] chainTag() {
        return chainTag.clone();
    }

    /**
     * @param chainId a chain id
     * @return whether this code belongs to that chain
     */
    public boolean belongsTo(String chainId) {
        return Arrays.equals(chainTag, chainTag(chainId));
    }

    /** @return the {@value #LENGTH}-octet encoding */
    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put((byte) VERSION).put(chainTag).putLong(height).putInt(index)
                .put(txId.bytes()).array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TracingCode t && Arrays.equals(chainTag, t.chainTag) && height == t.height && index == t.index
                && txId.equals(t.txId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(chainTag), height, index, txId);
    }

    /** @return the lowercase hexadecimal form */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(encode());
    }
}
