package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The verifier is total over hostile input: any proof value gives an answer and never an
 * exception, and a proof that was not built from the tree never verifies.
 */
class MerkleProofsProperties {

    @Provide
    Arbitrary<InclusionProof> anyInclusionProofs() {
        return Combinators.combine(ProofArbitraries.counts(), ProofArbitraries.counts(), ProofArbitraries.anyPaths())
                .as(InclusionProof::new);
    }

    @Provide
    Arbitrary<ConsistencyProof> anyConsistencyProofs() {
        return Combinators.combine(ProofArbitraries.counts(), ProofArbitraries.counts(), ProofArbitraries.anyPaths())
                .as(ConsistencyProof::new);
    }

    @Provide
    Arbitrary<byte[]> anyHashes() {
        return ProofArbitraries.anyHashes();
    }

    @Property(tries = 2000)
    void anInclusionProofFromNowhereIsAnsweredFalseWithoutThrowing(@ForAll("anyInclusionProofs") InclusionProof proof,
            @ForAll("anyHashes") byte[] leafHash) {
        // a root that is itself a leaf hash can only be reached by an empty path from that leaf; any
        // other outcome would need a SHA-256 preimage
        byte[] root = MerkleTree.leafHash(leafHash);
        assertThat(MerkleProofs.verifyInclusion(leafHash, proof, root)).isFalse();
        MerkleProofs.verifyInclusion(leafHash, proof, leafHash);
    }

    @Property(tries = 2000)
    void aConsistencyProofFromNowhereIsAnsweredFalseWithoutThrowing(
            @ForAll("anyConsistencyProofs") ConsistencyProof proof, @ForAll("anyHashes") byte[] oldRoot) {
        byte[] newRoot = MerkleTree.leafHash(oldRoot);
        assertThat(MerkleProofs.verifyConsistency(proof, oldRoot, newRoot)).isFalse();
        MerkleProofs.verifyConsistency(proof, oldRoot, oldRoot);
    }

    @Property(tries = 300)
    void aValidProofMovedToAnotherTreeDoesNotVerify(@ForAll("anyHashes") byte[] seed) {
        // the same shape (8 leaves, leaf 5) over different leaves: the root binds every leaf
        List<byte[]> leaves = new ArrayList<>(Rfc6962Vectors.leafHashes(8));
        byte[] data = Arrays.copyOf(seed, seed.length + 1); // never the original, empty, leaf 0
        data[seed.length] = 1;
        leaves.set(0, MerkleTree.leafHash(data));
        InclusionProof reference = Rfc6962Vectors.INCLUSION_PROOFS.get(2);
        byte[] leaf5 = MerkleTree.leafHash(Rfc6962Vectors.LEAVES.get(5));
        assertThat(MerkleProofs.verifyInclusion(leaf5, reference, MerkleTree.root(leaves))).isFalse();
    }
}
