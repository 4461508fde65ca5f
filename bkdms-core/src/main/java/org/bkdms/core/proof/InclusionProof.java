package org.bkdms.core.proof;

import java.util.List;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * A Merkle audit path (RFC 6962 section 2.1.1, RFC 9162 section 2.1.3): the hashes that, combined
 * with a leaf hash, rebuild the root of a tree of {@code treeSize} leaves.
 *
 * <p>Only what no proof can have is refused here (negative numbers, null). A path of the wrong
 * length, a hash of the wrong size or an index beyond the tree are kept as received, because the
 * verdict on them belongs to {@link MerkleProofs#verifyInclusion}, which answers {@code false}.
 * Immutable: the path and its arrays are copied in and out; equality compares the octets.
 *
 * @param leafIndex position of the leaf, from 0
 * @param treeSize number of leaves in the tree the path leads to the root of
 * @param path sibling hashes, nearest the leaf first
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {
    /**
     * Checks and copies the parts.
     *
     * @param leafIndex see {@link #leafIndex()}
     * @param treeSize see {@link #treeSize()}
     * @param path see {@link #path()}
     * @throws ValidationException if {@code leafIndex} or {@code treeSize} is negative
     */
    public InclusionProof {
        if (leafIndex < 0 || treeSize < 0) {
            throw new ValidationException(Violation.INVALID_FIELD, "inclusion proof leaf index " + leafIndex
                    + " / tree size " + treeSize + " must not be negative");
        }
        path = HashPaths.copyOf(path);
    }

    /** @return a copy of the sibling hashes, nearest the leaf first */
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
        return o instanceof InclusionProof p && leafIndex == p.leafIndex && treeSize == p.treeSize
                && HashPaths.equal(path, p.path);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(leafIndex) + Long.hashCode(treeSize)) + HashPaths.hash(path);
    }

    @Override
    public String toString() {
        return "InclusionProof{leafIndex=" + leafIndex + ", treeSize=" + treeSize + ", path="
                + HashPaths.toString(path) + "}";
    }
}
