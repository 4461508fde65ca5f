package org.bkdms.core.proof;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * Verifies Merkle inclusion and consistency proofs with the algorithms of RFC 9162 sections 2.1.3.2
 * and 2.1.4.2 (SHA-256, RFC 6962 hashing). Needs only this module, so an auditor independent of the
 * platform can run it.
 *
 * <p>Both checks answer a plain {@code boolean}: a proof that is malformed (path too long or too
 * short, a hash not of {@value MerkleTree#HASH_LENGTH} octets, an index outside the tree, sizes out
 * of order) is simply not a proof, and the answer is {@code false}. They never throw on any proof
 * value; only {@code null} arguments are refused, as programming errors.
 *
 * <p>The sizes and roots passed in MUST come from tree heads the caller trusts (signed by the
 * ledger): the proof constrains the tree size only through the shape of its path, and neighbouring
 * sizes can share a shape. Stateless and thread-safe.
 */
public final class MerkleProofs {
    /**
     * Most hashes in any proof path. A tree of fewer than 2<sup>63</sup> leaves (all a {@code long}
     * counts) needs at most 63 in an audit path and 64 in a consistency proof (63 plus the old
     * tree's own subtree hash).
     */
    public static final int MAX_PATH_LENGTH = 64;

    private MerkleProofs() {
    }

    /**
     * Checks that {@code leafHash} is the leaf at {@code proof.leafIndex()} of the tree of
     * {@code proof.treeSize()} leaves whose root is {@code root} (RFC 9162 section 2.1.3.2).
     *
     * @param leafHash {@link MerkleTree#leafHash(byte[])} of the leaf
     * @param proof the audit path
     * @param root the trusted root of the tree of {@code proof.treeSize()} leaves
     * @return whether the proof holds; {@code false} for any malformed proof
     * @throws NullPointerException if an argument is null
     */
    public static boolean verifyInclusion(byte[] leafHash, InclusionProof proof, byte[] root) {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(root, "root");
        List<byte[]> path = proof.pathView();
        if (!wellSized(leafHash) || !wellSized(root) || !wellSized(path)) {
            return false;
        }
        long index = proof.leafIndex();
        long size = proof.treeSize();
        // step 1
        if (index >= size) {
            return false;
        }
        // steps 2 and 3
        long fn = index;
        long sn = size - 1;
        TreeHasher h = TreeHasher.create();
        byte[] r = leafHash;
        // step 4
        for (byte[] p : path) {
            if (sn == 0) {
                return false; // path longer than the tree is high
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = h.node(p, r);
                // fn == sn with fn even: this node is the last one of its level and has no right
                // sibling, so climb without hashing until it becomes a right child
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = h.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // step 5: sn != 0 means the path was too short
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Checks that the tree of {@code proof.oldSize()} leaves with root {@code oldRoot} is a prefix of
     * the tree of {@code proof.newSize()} leaves with root {@code newRoot} (RFC 9162 section 2.1.4.2).
     * Equal sizes need an empty path and equal roots. An old size of 0 is answered {@code false}:
     * RFC 9162 defines proofs only for a non-empty old tree, and the empty tree needs none.
     *
     * @param proof the consistency proof
     * @param oldRoot the trusted root of the older tree
     * @param newRoot the trusted root of the newer tree
     * @return whether the proof holds; {@code false} for any malformed proof
     * @throws NullPointerException if an argument is null
     */
    public static boolean verifyConsistency(ConsistencyProof proof, byte[] oldRoot, byte[] newRoot) {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(oldRoot, "oldRoot");
        Objects.requireNonNull(newRoot, "newRoot");
        List<byte[]> path = proof.pathView();
        if (!wellSized(oldRoot) || !wellSized(newRoot) || !wellSized(path)) {
            return false;
        }
        long first = proof.oldSize();
        long second = proof.newSize();
        if (first < 1 || first > second) {
            return false;
        }
        if (first == second) {
            return path.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        // step 1
        if (path.isEmpty()) {
            return false;
        }
        // steps 2 and 5: for a power-of-two old size the old root is itself a node of the new tree,
        // so RFC 6962 leaves it out of the proof and the verifier puts it in front
        int next;
        byte[] fr;
        if ((first & (first - 1)) == 0) {
            fr = oldRoot;
            next = 0;
        } else {
            fr = path.get(0);
            next = 1;
        }
        byte[] sr = fr;
        // step 3
        long fn = first - 1;
        long sn = second - 1;
        // step 4: climb past the levels where the old tree's last node is a right child
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        TreeHasher h = TreeHasher.create();
        // step 6
        for (int i = next; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false; // path longer than the tree is high
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = h.node(c, fr);
                sr = h.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = h.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // step 7
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    private static boolean wellSized(byte[] hash) {
        return hash.length == MerkleTree.HASH_LENGTH;
    }

    // Checked before any hashing, so an oversized path costs nothing and a short hash can never be
    // combined into a root.
    private static boolean wellSized(List<byte[]> path) {
        if (path.size() > MAX_PATH_LENGTH) {
            return false;
        }
        for (byte[] p : path) {
            if (!wellSized(p)) {
                return false;
            }
        }
        return true;
    }
}
