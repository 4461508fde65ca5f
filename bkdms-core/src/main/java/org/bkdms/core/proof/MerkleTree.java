package org.bkdms.core.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Merkle Tree Hash of RFC 6962 section 2.1 with SHA-256, and the audit paths and consistency
 * proofs of sections 2.1.1 and 2.1.2.
 *
 * <p>For leaves {@code D[n]}: {@code MTH({}) = SHA-256()}, {@code MTH({d}) = SHA-256(0x00 || d)},
 * and for {@code n > 1}, with {@code k} the largest power of two smaller than {@code n},
 * {@code MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))}. The split makes the tree
 * append-only: the first {@code k} leaves form a complete subtree that later appends never change,
 * which is what consistency proofs rely on.
 *
 * <p>The tree operations take the list of <em>leaf hashes</em> ({@link #leafHash(byte[])} of each
 * leaf, in order), so that a log can store 32 octets per entry instead of the entries. Every
 * operation hashes each leaf hash at most a constant number of times (O(n) time) and copies only the
 * list of references. Stateless and thread-safe.
 */
public final class MerkleTree {
    /** Octets in every hash of the tree (SHA-256). */
    public static final int HASH_LENGTH = 32;

    // A List of at most Integer.MAX_VALUE leaves needs at most 31 pending complete subtrees.
    private static final int MAX_PENDING_SUBTREES = 32;

    private MerkleTree() {
    }

    /**
     * The hash of one leaf: {@code SHA-256(0x00 || leaf)}.
     *
     * @param leaf the leaf's octets (for the ledger, the DER of one transaction)
     * @return the 32-octet leaf hash
     */
    public static byte[] leafHash(byte[] leaf) {
        return TreeHasher.create().leaf(Objects.requireNonNull(leaf, "leaf"));
    }

    /**
     * The hash of an interior node: {@code SHA-256(0x01 || left || right)}.
     *
     * @param left hash of the left child
     * @param right hash of the right child
     * @return the 32-octet node hash
     */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return TreeHasher.create().node(Objects.requireNonNull(left, "left"), Objects.requireNonNull(right, "right"));
    }

    /** @return the root of the empty tree, {@code SHA-256()} of no octets */
    public static byte[] emptyRoot() {
        return TreeHasher.create().empty();
    }

    /**
     * The Merkle Tree Hash of the leaves.
     *
     * @param leafHashes the leaf hashes in order, each {@value #HASH_LENGTH} octets; may be empty
     * @return the 32-octet root
     * @throws IllegalArgumentException if a leaf hash does not have {@value #HASH_LENGTH} octets
     */
    public static byte[] root(List<byte[]> leafHashes) {
        byte[][] leaves = checkedArray(leafHashes);
        byte[] root = subtreeRoot(TreeHasher.create(), leaves, 0, leaves.length);
        // the root of one leaf is that leaf's hash: copy it rather than hand out the caller's array
        return leaves.length == 1 ? root.clone() : root;
    }

    /**
     * The audit path {@code PATH(m, D[n])} of RFC 6962 section 2.1.1: the sibling hashes from the leaf
     * up to the root, nearest the leaf first.
     *
     * @param leafHashes the leaf hashes of the tree, in order
     * @param index the leaf's position, from 0
     * @return the proof that the leaf at {@code index} is in the tree of {@code leafHashes.size()} leaves
     * @throws IllegalArgumentException if {@code index} is not in {@code [0, leafHashes.size())} or a leaf
     *     hash does not have {@value #HASH_LENGTH} octets
     */
    public static InclusionProof inclusionProof(List<byte[]> leafHashes, int index) {
        byte[][] leaves = checkedArray(leafHashes);
        if (index < 0 || index >= leaves.length) {
            throw new IllegalArgumentException("leaf index " + index + " outside a tree of " + leaves.length + " leaves");
        }
        TreeHasher h = TreeHasher.create();
        // Walk down from the root to the leaf; each step's sibling subtree is disjoint from the
        // others, so the hashing totals fewer than n nodes.
        List<byte[]> rootFirst = new ArrayList<>();
        int from = 0;
        int to = leaves.length;
        while (to - from > 1) {
            int k = largestPowerOfTwoBelow(to - from);
            if (index < from + k) {
                rootFirst.add(subtreeRoot(h, leaves, from + k, to));
                to = from + k;
            } else {
                rootFirst.add(subtreeRoot(h, leaves, from, from + k));
                from += k;
            }
        }
        return new InclusionProof(index, leaves.length, reversed(rootFirst, null));
    }

    /**
     * The consistency proof {@code PROOF(m, D[n])} of RFC 6962 section 2.1.2: the fewest hashes that
     * show the tree of the first {@code oldSize} leaves is a prefix of the tree of all of them.
     *
     * @param leafHashes the leaf hashes of the newer tree, in order
     * @param oldSize number of leaves of the older tree, in {@code [1, leafHashes.size()]}
     * @return the proof; its path is empty when {@code oldSize} equals the size of the tree
     * @throws IllegalArgumentException if {@code oldSize} is out of range or a leaf hash does not have
     *     {@value #HASH_LENGTH} octets
     */
    public static ConsistencyProof consistencyProof(List<byte[]> leafHashes, int oldSize) {
        byte[][] leaves = checkedArray(leafHashes);
        if (oldSize < 1 || oldSize > leaves.length) {
            throw new IllegalArgumentException("old size " + oldSize + " outside [1, " + leaves.length + "]");
        }
        TreeHasher h = TreeHasher.create();
        // SUBPROOF(m, D[from:to], wholeOld), unrolled: descend until the old tree's last complete
        // subtree is the current one, collecting the sibling hashes on the way.
        List<byte[]> rootFirst = new ArrayList<>();
        int from = 0;
        int to = leaves.length;
        int m = oldSize;
        boolean wholeOld = true;
        while (m != to - from) {
            int k = largestPowerOfTwoBelow(to - from);
            if (m <= k) {
                rootFirst.add(subtreeRoot(h, leaves, from + k, to));
                to = from + k;
            } else {
                rootFirst.add(subtreeRoot(h, leaves, from, from + k));
                from += k;
                m -= k;
                wholeOld = false;
            }
        }
        // When the subtree reached is the whole old tree, the verifier already holds its hash (the
        // old root), so RFC 6962 leaves it out.
        byte[] first = wholeOld ? null : subtreeRoot(h, leaves, from, to);
        return new ConsistencyProof(oldSize, leaves.length, reversed(rootFirst, first));
    }

    /**
     * MTH(D[from:to]) without recursion: leaves are pushed onto a stack of complete subtrees, whose
     * sizes are the binary digits of the count pushed so far, merging equal sizes like a binary
     * counter; folding the stack from the right then yields exactly the RFC 6962 split at the
     * largest power of two.
     */
    private static byte[] subtreeRoot(TreeHasher h, byte[][] leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return h.empty();
        }
        byte[][] stack = new byte[MAX_PENDING_SUBTREES][];
        int top = 0;
        for (int i = 0; i < n; i++) {
            byte[] node = leaves[from + i];
            // one merge per trailing one bit of i: those are the complete subtrees now doubled
            for (int c = i; (c & 1) == 1; c >>>= 1) {
                node = h.node(stack[--top], node);
            }
            stack[top++] = node;
        }
        byte[] acc = stack[--top];
        while (top > 0) {
            acc = h.node(stack[--top], acc);
        }
        return acc;
    }

    /** @return the largest power of two strictly smaller than {@code n}, for {@code n >= 2} */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static List<byte[]> reversed(List<byte[]> rootFirst, byte[] head) {
        List<byte[]> out = new ArrayList<>(rootFirst.size() + 1);
        if (head != null) {
            out.add(head);
        }
        for (int i = rootFirst.size() - 1; i >= 0; i--) {
            out.add(rootFirst.get(i));
        }
        return out;
    }

    // One pass to an array: validates every hash up front, so a bad list fails before any hashing,
    // and gives O(1) access even when the caller passes a LinkedList.
    private static byte[][] checkedArray(List<byte[]> leafHashes) {
        byte[][] leaves = Objects.requireNonNull(leafHashes, "leafHashes").toArray(new byte[0][]);
        for (int i = 0; i < leaves.length; i++) {
            if (Objects.requireNonNull(leaves[i], "leaf hash").length != HASH_LENGTH) {
                throw new IllegalArgumentException("leaf hash " + i + " has " + leaves[i].length + " octets, expected "
                        + HASH_LENGTH);
            }
        }
        return leaves;
    }
}
