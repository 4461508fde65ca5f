package org.bkdms.core.proof;

import java.util.List;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * A Merkle consistency proof (RFC 6962 section 2.1.2, RFC 9162 section 2.1.4): the hashes showing
 * that the tree of the first {@code oldSize} leaves is a prefix of the tree of {@code newSize}
 * leaves, that is, the log only appended.
 *
 * <p>Only what no proof can have is refused here (negative sizes, null). Sizes out of order, a path
 * of the wrong length or a hash of the wrong size are kept as received, because the verdict on them
 * belongs to {@link MerkleProofs#verifyConsistency}, which answers {@code false}. Immutable: the
 * path and its arrays are copied in and out; equality compares the octets.
 *
 * @param oldSize number of leaves of the older tree
 * @param newSize number of leaves of the newer tree
 * @param path the proof hashes in RFC 6962 order
 */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> path) {
    /**
     * Checks and copies the parts.
     *
     * @param oldSize see {@link #oldSize()}
     * @param newSize see {@link #newSize()}
     * @param path see {@link #path()}
     * @throws ValidationException if a size is negative
     */
    public ConsistencyProof {
        if (oldSize < 0 || newSize < 0) {
            throw new ValidationException(Violation.INVALID_FIELD, "consistency proof sizes " + oldSize + " / "
                    + newSize + " must not be negative");
        }
        path = HashPaths.copyOf(path);
    }

    /** @return a copy of the proof hashes */
    @Override
    public List<byte[]> path() {
        return HashPaths.copyOf(path);
    }

    /** The path without copying, for this package's code, which never changes it. */
    List<byte[]> pathView() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsistencyProof p && oldSize == p.oldSize && newSize == p.newSize
                && HashPaths.equal(path, p.path);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(oldSize) + Long.hashCode(newSize)) + HashPaths.hash(path);
    }

    @Override
    public String toString() {
        return "ConsistencyProof{oldSize=" + oldSize + ", newSize=" + newSize + ", path=" + HashPaths.toString(path)
                + "}";
    }
}
