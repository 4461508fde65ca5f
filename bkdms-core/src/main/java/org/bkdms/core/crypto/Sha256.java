package org.bkdms.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 from the JDK, which every Java platform must provide (so the checked exception never
 * happens and is not passed on). Used for key ids, transaction ids, block hashes and Merkle trees.
 */
public final class Sha256 {
    private Sha256() {
    }

    /** @return a fresh SHA-256 {@link MessageDigest} (not thread-safe; one per use or per thread) */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * @param parts octets to hash, concatenated
     * @return their SHA-256 digest
     */
    public static byte[] digest(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }
}
