package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.record.RecordArbitraries;
import org.bkdms.core.record.RecordArbitraries.Mutation;

class ConsistencyProofCodecProperties {

    @Provide
    Arbitrary<ConsistencyProof> proofs() {
        return ProofArbitraries.encodableConsistencyProofs();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return RecordArbitraries.mutations();
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(ConsistencyProofCodec.MAX_ENCODED_LENGTH + 8);
    }

    @Provide
    Arbitrary<byte[]> derShapedGarbage() {
        return ProofArbitraries.derShapedGarbage();
    }

    @Property(tries = 1000)
    void everyEncodableProofRoundTripsToAnEqualProofAndIdenticalBytes(@ForAll("proofs") ConsistencyProof proof) {
        byte[] der = ConsistencyProofCodec.encode(proof);
        ConsistencyProof decoded = ConsistencyProofCodec.decode(der);
        assertThat(decoded).isEqualTo(proof);
        assertThat(decoded.hashCode()).isEqualTo(proof.hashCode());
        assertThat(ConsistencyProofCodec.encode(decoded)).isEqualTo(der);
        assertThat(der.length).isLessThanOrEqualTo(ConsistencyProofCodec.MAX_ENCODED_LENGTH);
    }

    @Property(tries = 1000)
    void aMutatedEncodingIsEitherCanonicalOrRejectedWithADecodeException(@ForAll("proofs") ConsistencyProof proof,
            @ForAll("mutations") List<Mutation> mutations) {
        byte[] mutated = ConsistencyProofCodec.encode(proof);
        for (Mutation m : mutations) {
            mutated = m.apply(mutated);
        }
        assertAcceptedOnlyIfCanonical(mutated);
    }

    @Property(tries = 1000)
    void arbitraryBytesAreRejectedOnlyWithADecodeException(@ForAll("anyBytes") byte[] input) {
        assertAcceptedOnlyIfCanonical(input);
    }

    @Property(tries = 1000)
    void derShapedGarbageIsRejectedOnlyWithADecodeException(@ForAll("derShapedGarbage") byte[] input) {
        assertAcceptedOnlyIfCanonical(input);
    }

    @Property(tries = 300)
    void everyProperPrefixOfAValidEncodingIsRejected(@ForAll("proofs") ConsistencyProof proof,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cut) {
        byte[] der = ConsistencyProofCodec.encode(proof);
        byte[] prefix = Arrays.copyOf(der, cut % der.length);
        assertThatThrownBy(() -> ConsistencyProofCodec.decode(prefix)).isInstanceOf(DecodeException.class);
    }

    // Anything but a DecodeException escapes and fails the property; an accepted input must be the
    // one encoding of what it decodes to, and must then be safe to hand to the verifier.
    private static void assertAcceptedOnlyIfCanonical(byte[] input) {
        ConsistencyProof decoded;
        try {
            decoded = ConsistencyProofCodec.decode(input);
        } catch (DecodeException expected) {
            Statistics.collect("rejected");
            return;
        }
        Statistics.collect("accepted");
        assertThat(ConsistencyProofCodec.encode(decoded)).isEqualTo(input);
        byte[] someHash = MerkleTree.leafHash(input);
        MerkleProofs.verifyConsistency(decoded, someHash, someHash);
    }
}
