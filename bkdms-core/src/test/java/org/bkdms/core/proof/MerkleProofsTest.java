package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bkdms.core.proof.Rfc6962Vectors.EMPTY_TREE_HASH;
import static org.bkdms.core.proof.Rfc6962Vectors.h;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known good proofs of the reference tree, and the corruptions that transparency-dev/merkle
 * {@code proof/verify_test.go} ({@code corruptInclusionProof}, {@code corruptConsistencyProof}) and
 * google/certificate-transparency {@code merkle_tree_test.cc} ({@code VerifierCheck}) apply to them.
 */
class MerkleProofsTest {
    /** {@code sha256SomeHash} of verify_test.go: 32 octets that are no node of the reference tree. */
    private static final byte[] SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456");

    record Probe(String description, byte[] leafOrOldRoot, long a, long b, List<byte[]> path, byte[] root) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<InclusionProof> publishedInclusionProofs() {
        return Rfc6962Vectors.INCLUSION_PROOFS.stream();
    }

    static Stream<ConsistencyProof> publishedConsistencyProofs() {
        return Rfc6962Vectors.CONSISTENCY_PROOFS.stream();
    }

    private static byte[] leafHashOf(InclusionProof p) {
        return MerkleTree.leafHash(Rfc6962Vectors.LEAVES.get((int) p.leafIndex()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedInclusionProofs")
    void everyPublishedInclusionProofVerifiesAgainstThePublishedRoot(InclusionProof proof) {
        assertThat(MerkleProofs.verifyInclusion(leafHashOf(proof), proof, Rfc6962Vectors.root(proof.treeSize())))
                .isTrue();
    }

    static Stream<Arguments> corruptedInclusionProofs() {
        List<Arguments> out = new ArrayList<>();
        for (InclusionProof p : Rfc6962Vectors.INCLUSION_PROOFS) {
            byte[] leaf = leafHashOf(p);
            byte[] root = Rfc6962Vectors.root(p.treeSize());
            long i = p.leafIndex();
            long n = p.treeSize();
            List<byte[]> path = p.path();
            List<Probe> probes = new ArrayList<>(List.of(
                    new Probe("leafIndex + 1", leaf, i + 1, n, path, root),
                    new Probe("leafIndex ^ 2", leaf, i ^ 2, n, path, root),
                    new Probe("treeSize * 2", leaf, i, n * 2, path, root),
                    new Probe("treeSize / 2", leaf, i, n / 2, path, root),
                    new Probe("wrong leaf", MerkleTree.leafHash("WrongLeaf".getBytes(StandardCharsets.US_ASCII)), i,
                            n, path, root),
                    new Probe("empty root", leaf, i, n, path, EMPTY_TREE_HASH),
                    new Probe("random root", leaf, i, n, path, SOME_HASH),
                    new Probe("trailing empty hash", leaf, i, n, append(path, new byte[0]), root),
                    new Probe("trailing root", leaf, i, n, append(path, root), root),
                    new Probe("preceding empty hash", leaf, i, n, prepend(path, new byte[0]), root),
                    new Probe("preceding root", leaf, i, n, prepend(path, root), root)));
            if (i > 0) {
                probes.add(new Probe("leafIndex - 1", leaf, i - 1, n, path, root));
            }
            for (int j = 0; j < path.size(); j++) {
                List<byte[]> wrong = new ArrayList<>(path);
                wrong.set(j, Rfc6962Vectors.flipBit(path.get(j), 3));
                probes.add(new Probe("proof[" + j + "] bit 3 flipped", leaf, i, n, wrong, root));
                wrong = new ArrayList<>(path);
                wrong.set(j, EMPTY_TREE_HASH);
                probes.add(new Probe("proof[" + j + "] replaced by the empty tree hash", leaf, i, n, wrong, root));
            }
            if (!path.isEmpty()) {
                probes.add(new Probe("removed component", leaf, i, n, path.subList(0, path.size() - 1), root));
            }
            if (path.size() > 1) {
                List<byte[]> inserted = new ArrayList<>(path);
                inserted.add(1, SOME_HASH);
                probes.add(new Probe("inserted component", leaf, i, n, inserted, root));
            }
            probes.forEach(probe -> out.add(Arguments.of(p.leafIndex() + "/" + p.treeSize(), probe)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corruptedInclusionProofs")
    void aCorruptedPublishedInclusionProofDoesNotVerify(String vector, Probe probe) {
        InclusionProof proof = new InclusionProof(probe.a(), probe.b(), probe.path());
        assertThat(MerkleProofs.verifyInclusion(probe.leafOrOldRoot(), proof, probe.root())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedConsistencyProofs")
    void everyPublishedConsistencyProofVerifiesBetweenThePublishedRoots(ConsistencyProof proof) {
        assertThat(MerkleProofs.verifyConsistency(proof, Rfc6962Vectors.root(proof.oldSize()),
                Rfc6962Vectors.root(proof.newSize()))).isTrue();
    }

    static Stream<Arguments> corruptedConsistencyProofs() {
        List<Arguments> out = new ArrayList<>();
        byte[] wrongRoot = MerkleTree.leafHash("WrongRoot".getBytes(StandardCharsets.US_ASCII));
        for (ConsistencyProof p : Rfc6962Vectors.CONSISTENCY_PROOFS) {
            List<byte[]> path = p.path();
            if (path.isEmpty()) {
                continue; // as in the reference suites: only proofs with size1 < size2 have corruptions
            }
            long m = p.oldSize();
            long n = p.newSize();
            byte[] r1 = Rfc6962Vectors.root(m);
            byte[] r2 = Rfc6962Vectors.root(n);
            List<Probe> probes = new ArrayList<>(List.of(
                    new Probe("size1 - 1", r1, m - 1, n, path, r2),
                    new Probe("size1 + 1", r1, m + 1, n, path, r2),
                    new Probe("size1 ^ 2", r1, m ^ 2, n, path, r2),
                    new Probe("size2 * 2", r1, m, n * 2, path, r2),
                    new Probe("size2 / 2", r1, m, n / 2, path, r2),
                    new Probe("wrong root1", wrongRoot, m, n, path, r2),
                    new Probe("wrong root2", r1, m, n, path, wrongRoot),
                    new Probe("swapped roots", r2, m, n, path, r1),
                    new Probe("empty proof", r1, m, n, List.of(), r2),
                    new Probe("trailing empty hash", r1, m, n, append(path, new byte[0]), r2),
                    new Probe("trailing root1", r1, m, n, append(path, r1), r2),
                    new Probe("trailing root2", r1, m, n, append(path, r2), r2),
                    new Probe("trailing last element", r1, m, n, append(path, path.get(path.size() - 1)), r2),
                    new Probe("preceding empty hash", r1, m, n, prepend(path, new byte[0]), r2),
                    new Probe("preceding root1", r1, m, n, prepend(path, r1), r2),
                    new Probe("preceding root2", r1, m, n, prepend(path, r2), r2),
                    new Probe("preceding proof[0]", r1, m, n, prepend(path, path.get(0)), r2),
                    new Probe("truncated proof", r1, m, n, path.subList(0, path.size() - 1), r2)));
            for (int j = 0; j < path.size(); j++) {
                List<byte[]> wrong = new ArrayList<>(path);
                wrong.set(j, Rfc6962Vectors.flipBit(path.get(j), 4));
                probes.add(new Probe("proof[" + j + "] bit 4 flipped", r1, m, n, wrong, r2));
                wrong = new ArrayList<>(path);
                wrong.set(j, EMPTY_TREE_HASH);
                probes.add(new Probe("proof[" + j + "] replaced by the empty tree hash", r1, m, n, wrong, r2));
            }
            probes.forEach(probe -> out.add(Arguments.of(m + "->" + n, probe)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corruptedConsistencyProofs")
    void aCorruptedPublishedConsistencyProofDoesNotVerify(String vector, Probe probe) {
        ConsistencyProof proof = new ConsistencyProof(probe.a(), probe.b(), probe.path());
        assertThat(MerkleProofs.verifyConsistency(proof, probe.leafOrOldRoot(), probe.root())).isFalse();
    }

    @Test
    void inASingleLeafTreeTheLeafHashIsTheRootAndThePathIsEmpty() {
        byte[] hash = MerkleTree.leafHash("data".getBytes(StandardCharsets.US_ASCII));
        InclusionProof proof = new InclusionProof(0, 1, List.of());
        assertThat(MerkleProofs.verifyInclusion(hash, proof, hash)).isTrue();
        assertThat(MerkleProofs.verifyInclusion(hash, proof, new byte[0])).isFalse();
        assertThat(MerkleProofs.verifyInclusion(new byte[0], proof, hash)).isFalse();
        assertThat(MerkleProofs.verifyInclusion(new byte[0], proof, new byte[0])).isFalse();
    }

    @Test
    void anIndexOutsideTheTreeNeverVerifies() {
        long[][] indexAndSize = {{0, 0}, {1, 0}, {2, 1}, {1, 1}, {Long.MAX_VALUE, Long.MAX_VALUE}};
        for (long[] p : indexAndSize) {
            InclusionProof proof = new InclusionProof(p[0], p[1], List.of());
            assertThat(MerkleProofs.verifyInclusion(SOME_HASH, proof, SOME_HASH)).as("%d of %d", p[0], p[1]).isFalse();
            assertThat(MerkleProofs.verifyInclusion(SOME_HASH, proof, EMPTY_TREE_HASH)).isFalse();
        }
    }

    @Test
    void aProofForTheNextTreeSizeCanVerifySoTheSizeMustComeFromATrustedHead() {
        // Documents RFC 9162's limit rather than a wish: leaf 0 climbs the same way in trees of 5 and 6
        // leaves, so the 6-leaf path checks out under a claimed size of 5 against the 6-leaf root.
        List<byte[]> leaves = Rfc6962Vectors.leafHashes(6);
        InclusionProof six = MerkleTree.inclusionProof(leaves, 0);
        InclusionProof claimedFive = new InclusionProof(0, 5, six.path());
        assertThat(MerkleProofs.verifyInclusion(leaves.get(0), claimedFive, Rfc6962Vectors.root(6))).isTrue();
        assertThat(MerkleProofs.verifyInclusion(leaves.get(0), claimedFive, Rfc6962Vectors.root(5))).isFalse();
    }

    @Test
    void equalSizesAreConsistentOnlyWithAnEmptyProofAndEqualRoots() {
        byte[] r = Rfc6962Vectors.root(3);
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(3, 3, List.of()), r, r)).isTrue();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(3, 3, List.of()), r, SOME_HASH)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(1, 1, List.of(EMPTY_TREE_HASH)),
                EMPTY_TREE_HASH, EMPTY_TREE_HASH)).isFalse();
    }

    @Test
    void anEmptyOldTreeOrSizesOutOfOrderNeverVerify() {
        // transparency-dev/merkle accepts (0, n) with an empty proof; RFC 9162 defines proofs only
        // for 0 < first, and a verifier holding the empty tree has nothing to check, so we say no.
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(0, 0, List.of()), EMPTY_TREE_HASH,
                EMPTY_TREE_HASH)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(0, 1, List.of()), EMPTY_TREE_HASH,
                Rfc6962Vectors.root(1))).isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(1, 0, List.of()), SOME_HASH, SOME_HASH))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(2, 1, List.of()), SOME_HASH, SOME_HASH))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(1, 2, List.of()), Rfc6962Vectors.root(1),
                Rfc6962Vectors.root(2))).isFalse();
    }

    @Test
    void rootsOfTheWrongLengthNeverVerify() {
        ConsistencyProof p = Rfc6962Vectors.CONSISTENCY_PROOFS.get(2);
        byte[] r1 = Rfc6962Vectors.root(6);
        byte[] r2 = Rfc6962Vectors.root(8);
        assertThat(MerkleProofs.verifyConsistency(p, new byte[0], r2)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(p, r1, java.util.Arrays.copyOf(r2, 33))).isFalse();
    }

    @Test
    void pathsLongerThanTheLimitAreRefusedBeforeAnyHashing() {
        List<byte[]> tooLong = Collections.nCopies(MerkleProofs.MAX_PATH_LENGTH + 1, SOME_HASH);
        assertThat(MerkleProofs.verifyInclusion(SOME_HASH, new InclusionProof(0, Long.MAX_VALUE, tooLong), SOME_HASH))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(3, Long.MAX_VALUE, tooLong), SOME_HASH,
                SOME_HASH)).isFalse();
    }

    @Test
    void theLargestTreesAreHandledWithoutOverflow() {
        List<byte[]> path63 = Collections.nCopies(63, SOME_HASH);
        List<byte[]> path64 = Collections.nCopies(64, SOME_HASH);
        long max = Long.MAX_VALUE;
        assertThat(MerkleProofs.verifyInclusion(SOME_HASH, new InclusionProof(max - 1, max, path63), SOME_HASH))
                .isFalse();
        assertThat(MerkleProofs.verifyInclusion(SOME_HASH, new InclusionProof(0, max, path64), SOME_HASH)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(max - 1, max, path64), SOME_HASH, SOME_HASH))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(1L << 62, max, path63), SOME_HASH, SOME_HASH))
                .isFalse();
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        InclusionProof ip = Rfc6962Vectors.INCLUSION_PROOFS.get(0);
        ConsistencyProof cp = Rfc6962Vectors.CONSISTENCY_PROOFS.get(0);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(null, ip, SOME_HASH))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(SOME_HASH, null, SOME_HASH))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(cp, SOME_HASH, null))
                .isInstanceOf(NullPointerException.class);
    }

    private static List<byte[]> append(List<byte[]> path, byte[] extra) {
        List<byte[]> out = new ArrayList<>(path);
        out.add(extra);
        return out;
    }

    private static List<byte[]> prepend(List<byte[]> path, byte[] extra) {
        List<byte[]> out = new ArrayList<>();
        out.add(extra);
        out.addAll(path);
        return out;
    }
}
