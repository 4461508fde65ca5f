package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bkdms.core.proof.Rfc6962Vectors.hex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {

    static Stream<InclusionProof> publishedInclusionProofs() {
        return Rfc6962Vectors.INCLUSION_PROOFS.stream();
    }

    static Stream<ConsistencyProof> publishedConsistencyProofs() {
        return Rfc6962Vectors.CONSISTENCY_PROOFS.stream();
    }

    static IntStream referenceSizes() {
        return IntStream.rangeClosed(1, 8);
    }

    @Test
    void hashesMatchThePublishedRfc6962HasherVectors() {
        assertThat(MerkleTree.emptyRoot()).isEqualTo(Rfc6962Vectors.EMPTY_TREE_HASH);
        assertThat(MerkleTree.leafHash(new byte[0])).isEqualTo(Rfc6962Vectors.EMPTY_LEAF_HASH);
        assertThat(MerkleTree.leafHash("L123456".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Rfc6962Vectors.L123456_LEAF_HASH);
        assertThat(MerkleTree.nodeHash("N123".getBytes(StandardCharsets.US_ASCII),
                "N456".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Rfc6962Vectors.N123_N456_NODE_HASH);
    }

    @Test
    void theEmptyTreeHasTheHashOfTheEmptyStringAsRootAndNotTheEmptyLeafHash() {
        assertThat(MerkleTree.root(List.of())).isEqualTo(Rfc6962Vectors.EMPTY_TREE_HASH)
                .isNotEqualTo(MerkleTree.leafHash(new byte[0]));
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("referenceSizes")
    void rootOfEveryPrefixOfTheReferenceTreeIsThePublishedRoot(int size) {
        assertThat(hex(MerkleTree.root(Rfc6962Vectors.leafHashes(size)))).isEqualTo(hex(Rfc6962Vectors.root(size)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedInclusionProofs")
    void inclusionProofIsThePublishedAuditPath(InclusionProof expected) {
        InclusionProof actual = MerkleTree.inclusionProof(Rfc6962Vectors.leafHashes(expected.treeSize()),
                (int) expected.leafIndex());
        assertThat(hex(actual.path())).isEqualTo(hex(expected.path()));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedConsistencyProofs")
    void consistencyProofIsThePublishedProof(ConsistencyProof expected) {
        ConsistencyProof actual = MerkleTree.consistencyProof(Rfc6962Vectors.leafHashes(expected.newSize()),
                (int) expected.oldSize());
        assertThat(hex(actual.path())).isEqualTo(hex(expected.path()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void rootProofsAndPathsAgreeWithTheNaiveRecursiveReferenceForEverySizeUpTo70() {
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 0; n <= 70; n++) {
            assertThat(hex(MerkleTree.root(leaves))).as("root of %d", n).isEqualTo(hex(ReferenceMerkle.mth(leaves)));
            for (int i = 0; i < n; i++) {
                assertThat(hex(MerkleTree.inclusionProof(leaves, i).path())).as("path %d of %d", i, n)
                        .isEqualTo(hex(ReferenceMerkle.path(i, leaves)));
            }
            for (int m = 1; m <= n; m++) {
                assertThat(hex(MerkleTree.consistencyProof(leaves, m).path())).as("proof %d to %d", m, n)
                        .isEqualTo(hex(ReferenceMerkle.proof(m, leaves)));
            }
            leaves.add(MerkleTree.leafHash(new byte[] {(byte) n, (byte) (n >> 8)}));
        }
    }

    @Test
    void theRootOfOneLeafIsACopyOfItsHash() {
        byte[] leaf = MerkleTree.leafHash(new byte[] {7});
        byte[] root = MerkleTree.root(List.of(leaf));
        assertThat(root).isEqualTo(leaf).isNotSameAs(leaf);
    }

    @Test
    void acceptsListsWithoutRandomAccess() {
        List<byte[]> linked = new LinkedList<>(Rfc6962Vectors.leafHashes(8));
        assertThat(MerkleTree.root(linked)).isEqualTo(Rfc6962Vectors.root(8));
        assertThat(MerkleTree.inclusionProof(linked, 5)).isEqualTo(Rfc6962Vectors.INCLUSION_PROOFS.get(2));
    }

    @Test
    void theReturnedProofDoesNotShareArraysWithTheLeafList() {
        List<byte[]> leaves = Rfc6962Vectors.leafHashes(2);
        InclusionProof proof = MerkleTree.inclusionProof(leaves, 0);
        leaves.get(1)[0] ^= 1;
        assertThat(proof.path().get(0)).isNotEqualTo(leaves.get(1));
    }

    @ParameterizedTest(name = "index {0}")
    @ValueSource(ints = {-1, 8, 9, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void inclusionProofRejectsAnIndexOutsideTheTree(int index) {
        List<byte[]> leaves = Rfc6962Vectors.leafHashes(8);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(leaves, index))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside a tree of 8 leaves");
    }

    @Test
    void inclusionProofRejectsTheEmptyTree() {
        assertThatThrownBy(() -> MerkleTree.inclusionProof(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "old size {0}")
    @ValueSource(ints = {-1, 0, 9})
    void consistencyProofRejectsAnOldSizeOutsideOneToTheTreeSize(int oldSize) {
        List<byte[]> leaves = Rfc6962Vectors.leafHashes(8);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(leaves, oldSize))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [1, 8]");
    }

    @Test
    void rejectsLeafHashesThatAreNotThirtyTwoOctets() {
        List<byte[]> leaves = new ArrayList<>(Rfc6962Vectors.leafHashes(3));
        leaves.set(2, new byte[31]);
        assertThatThrownBy(() -> MerkleTree.root(leaves)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaf hash 2 has 31 octets, expected 32");
        assertThatThrownBy(() -> MerkleTree.inclusionProof(leaves, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(leaves, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullLeafHashes() {
        List<byte[]> leaves = new ArrayList<>(Rfc6962Vectors.leafHashes(2));
        leaves.add(null);
        assertThatThrownBy(() -> MerkleTree.root(leaves)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void splitsAtTheLargestPowerOfTwoStrictlySmallerThanTheSize() {
        assertThat(IntStream.rangeClosed(2, 9).map(MerkleTree::largestPowerOfTwoBelow).toArray())
                .containsExactly(1, 2, 2, 4, 4, 4, 4, 8);
        assertThat(MerkleTree.largestPowerOfTwoBelow(Integer.MAX_VALUE)).isEqualTo(1 << 30);
    }
}
