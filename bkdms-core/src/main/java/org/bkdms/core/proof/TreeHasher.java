package org.bkdms.core.proof;

import java.security.MessageDigest;
import org.bkdms.core.crypto.Sha256;

/**
 * The RFC 6962 section 2.1 hash functions over one reused SHA-256 instance. The domain-separation
 * prefixes (0x00 for leaves, 0x01 for interior nodes) stop a leaf from being passed off as an
 * interior node (a second-preimage attack on the tree).
 *
 * <p>Not thread-safe: each public operation of this package creates its own instance, because
 * {@link MessageDigest} keeps state between calls.
 */
final class TreeHasher {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private final MessageDigest sha256;

    private TreeHasher(MessageDigest sha256) {
        this.sha256 = sha256;
    }

    static TreeHasher create() {
        return new TreeHasher(Sha256.newDigest());
    }

    /** @return MTH({}) = SHA-256 of the empty string */
    byte[] empty() {
        return sha256.digest();
    }

    /** @return SHA-256(0x00 || leaf) */
    byte[] leaf(byte[] leaf) {
        sha256.update(LEAF_PREFIX);
        return sha256.digest(leaf);
    }

    /** @return SHA-256(0x01 || left || right) */
    byte[] node(byte[] left, byte[] right) {
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        return sha256.digest(right);
    }
}
