package org.bkdms.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * Identifier of a public key: the first {@value #LENGTH} octets of SHA-256 over the key's DER
 * SubjectPublicKeyInfo. Anyone holding the public key can recompute it.
 */
public final class KeyId {
    /** Octets in a key id. */
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private KeyId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo of the key
     * @return the key's id
     */
    public static KeyId of(byte[] subjectPublicKeyInfo) {
        return new KeyId(Arrays.copyOf(Sha256.digest(subjectPublicKeyInfo), LENGTH));
    }

    /**
     * @param bytes exactly {@value #LENGTH} octets
     * @return the key id
     */
    public static KeyId wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new ValidationException(Violation.INVALID_FIELD, "key id must have " + LENGTH + " octets");
        }
        return new KeyId(bytes.clone());
    }

    /**
     * @param hex {@value #LENGTH} octets in hexadecimal
     * @return the key id
     */
    public static KeyId parse(String hex) {
        try {
            return wrap(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(Violation.INVALID_FIELD, "key id is not hexadecimal: " + hex);
        }
    }

    /** @return a copy of the octets */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** @return lower-case hexadecimal */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
