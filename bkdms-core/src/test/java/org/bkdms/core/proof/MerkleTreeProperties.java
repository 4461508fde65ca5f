package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bkdms.core.proof.Rfc6962Vectors.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random trees of 1 to 300 leaves: every proof MerkleTree builds is the RFC 6962 one and verifies,
 * and the corruptions that RFC 9162 verification must catch are caught.
 */
class MerkleTreeProperties {

    /** Leaf hashes of distinct leaves (a repeated leaf would let a neighbouring index verify). */
    record Tree(List<byte[]> leafHashes, long seed) {
        int size() {
            return leafHashes.size();
        }

        @Override
        public String toString() {
            return "Tree{size=" + size() + ", seed=" + seed + "}";
        }
    }

    private static Tree tree(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> leaves = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte[] data = new byte[4 + random.nextInt(17)];
            random.nextBytes(data);
            data[0] = (byte) (i >> 24);
            data[1] = (byte) (i >> 16);
            data[2] = (byte) (i >> 8);
            data[3] = (byte) i;
            leaves.add(MerkleTree.leafHash(data));
        }
        return new Tree(leaves, seed);
    }

    private static Arbitrary<Tree> trees(int min) {
        // powers of two and their neighbours are where the split logic turns
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(min, 300)),
                Tuple.of(1, Arbitraries.of(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255,
                        256, 257).filter(n -> n >= min)));
        return Combinators.combine(sizes, Arbitraries.longs()).as(MerkleTreeProperties::tree);
    }

    @Provide
    Arbitrary<Tree> trees() {
        return trees(1);
    }

    @Provide
    Arbitrary<Tree> treesIncludingEmpty() {
        return trees(0);
    }

    @Property(tries = 300)
    void rootAgreesWithTheNaiveRecursiveReference(@ForAll("treesIncludingEmpty") Tree tree) {
        assertThat(hex(MerkleTree.root(tree.leafHashes()))).isEqualTo(hex(ReferenceMerkle.mth(tree.leafHashes())));
    }

    @Property(tries = 200)
    void aProofForARandomLeafOrOldSizeIsTheReferenceOne(@ForAll("trees") Tree tree) {
        SplittableRandom random = new SplittableRandom(tree.seed());
        int n = tree.size();
        int i = random.nextInt(n);
        int m = 1 + random.nextInt(n);
        assertThat(hex(MerkleTree.inclusionProof(tree.leafHashes(), i).path()))
                .isEqualTo(hex(ReferenceMerkle.path(i, tree.leafHashes())));
        assertThat(hex(MerkleTree.consistencyProof(tree.leafHashes(), m).path()))
                .isEqualTo(hex(ReferenceMerkle.proof(m, tree.leafHashes())));
    }

    @Property(tries = 100)
    void everyInclusionProofVerifiesAndFailsForAnyCorruption(@ForAll("trees") Tree tree) {
        List<byte[]> leaves = tree.leafHashes();
        int n = tree.size();
        byte[] root = MerkleTree.root(leaves);
        SplittableRandom random = new SplittableRandom(tree.seed());
        for (int i = 0; i < n; i++) {
            InclusionProof proof = MerkleTree.inclusionProof(leaves, i);
            byte[] leaf = leaves.get(i);
            List<byte[]> path = proof.path();
            assertThat(proof.leafIndex()).isEqualTo(i);
            assertThat(proof.treeSize()).isEqualTo(n);
            assertThat(path).hasSizeLessThanOrEqualTo(MerkleProofs.MAX_PATH_LENGTH);
            assertThat(MerkleProofs.verifyInclusion(leaf, proof, root)).as("leaf %d of %d", i, n).isTrue();

            if (n > 1) {
                byte[] other = leaves.get((i + 1 + random.nextInt(n - 1)) % n);
                assertThat(MerkleProofs.verifyInclusion(other, proof, root)).as("another leaf").isFalse();
                int e = random.nextInt(path.size());
                List<byte[]> flipped = new ArrayList<>(path);
                flipped.set(e, Rfc6962Vectors.flipBit(path.get(e), random.nextInt(8 * MerkleTree.HASH_LENGTH)));
                assertThat(MerkleProofs.verifyInclusion(leaf, new InclusionProof(i, n, flipped), root))
                        .as("bit flipped in path[%d]", e).isFalse();
            }
            assertThat(MerkleProofs.verifyInclusion(leaf, new InclusionProof(i + 1, n, path), root))
                    .as("index + 1").isFalse();
            assertThat(MerkleProofs.verifyInclusion(leaf, new InclusionProof(i ^ 2, n, path), root))
                    .as("index ^ 2").isFalse();
            if (i > 0) {
                assertThat(MerkleProofs.verifyInclusion(leaf, new InclusionProof(i - 1, n, path), root))
                        .as("index - 1").isFalse();
            }
            // not n +/- 1: neighbouring sizes can share a path shape (see MerkleProofs), which is why
            // the size must come from a signed tree head
            assertThat(MerkleProofs.verifyInclusion(leaf, new InclusionProof(i, 2L * n, path), root))
                    .as("size * 2").isFalse();
            assertThat(MerkleProofs.verifyInclusion(leaf, new InclusionProof(i, n / 2, path), root))
                    .as("size / 2").isFalse();
        }
    }

    @Property(tries = 100)
    void everyConsistencyProofVerifiesAndFailsForAWrongRootOrSize(@ForAll("trees") Tree tree) {
        List<byte[]> leaves = tree.leafHashes();
        int n = tree.size();
        byte[] newRoot = MerkleTree.root(leaves);
        SplittableRandom random = new SplittableRandom(tree.seed());
        byte[] previousRoot = MerkleTree.emptyRoot();
        for (int m = 1; m <= n; m++) {
            byte[] oldRoot = MerkleTree.root(leaves.subList(0, m));
            ConsistencyProof proof = MerkleTree.consistencyProof(leaves, m);
            List<byte[]> path = proof.path();
            assertThat(path).hasSizeLessThanOrEqualTo(MerkleProofs.MAX_PATH_LENGTH);
            assertThat(MerkleProofs.verifyConsistency(proof, oldRoot, newRoot)).as("%d to %d", m, n).isTrue();

            assertThat(MerkleProofs.verifyConsistency(proof, previousRoot, newRoot)).as("root of %d leaves", m - 1)
                    .isFalse();
            byte[] flippedRoot = Rfc6962Vectors.flipBit(oldRoot, random.nextInt(8 * MerkleTree.HASH_LENGTH));
            assertThat(MerkleProofs.verifyConsistency(proof, flippedRoot, newRoot)).as("flipped old root").isFalse();
            if (m < n) {
                assertThat(MerkleProofs.verifyConsistency(proof, oldRoot, previousRoot)).as("wrong new root")
                        .isFalse();
                int e = random.nextInt(path.size());
                List<byte[]> flipped = new ArrayList<>(path);
                flipped.set(e, Rfc6962Vectors.flipBit(path.get(e), random.nextInt(8 * MerkleTree.HASH_LENGTH)));
                assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(m, n, flipped), oldRoot, newRoot))
                        .as("bit flipped in path[%d]", e).isFalse();
                assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(m + 1, n, path), oldRoot, newRoot))
                        .as("old size + 1").isFalse();
                assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(m - 1, n, path), oldRoot, newRoot))
                        .as("old size - 1").isFalse();
                assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(m, 2L * n, path), oldRoot, newRoot))
                        .as("new size * 2").isFalse();
            }
            previousRoot = oldRoot;
        }
    }
}
