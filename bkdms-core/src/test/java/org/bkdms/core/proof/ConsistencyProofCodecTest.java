package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bkdms.core.proof.InclusionProofCodecTest.der;
import static org.bkdms.core.proof.Rfc6962Vectors.h;
import static org.bkdms.core.proof.Rfc6962Vectors.hex;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConsistencyProofCodecTest {
    private static final String HASH = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";

    // Written by hand from the ASN.1 in the codec's Javadoc, not produced by the encoder: the
    // published proof that the 6-leaf reference tree is a prefix of the 8-leaf one.
    private static final String GOLDEN_6_TO_8 = "3071" // SEQUENCE, 113 content octets
            + "020101" // version 1
            + "020106" // oldSize 6
            + "020108" // newSize 8
            + "3066" // path: SEQUENCE, 3 x 34 octets
            + "0420" + "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"
            + "0420" + "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"
            + "0420" + "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";

    @Test
    void encodesThePublishedProofAsTheHandWrittenDer() {
        ConsistencyProof proof = Rfc6962Vectors.CONSISTENCY_PROOFS.get(2);
        assertThat(hex(ConsistencyProofCodec.encode(proof))).isEqualTo(GOLDEN_6_TO_8);
        assertThat(ConsistencyProofCodec.decode(h(GOLDEN_6_TO_8))).isEqualTo(proof);
    }

    @Test
    void encodesEqualSizesWithAnEmptyPath() {
        String der = "300b" + "020101" + "020101" + "020101" + "3000";
        assertThat(hex(ConsistencyProofCodec.encode(new ConsistencyProof(1, 1, List.of())))).isEqualTo(der);
        assertThat(ConsistencyProofCodec.decode(h(der))).isEqualTo(new ConsistencyProof(1, 1, List.of()));
    }

    @Test
    void theLargestProofFillsTheLengthLimitExactly() {
        List<byte[]> path = Collections.nCopies(MerkleProofs.MAX_PATH_LENGTH, h(HASH));
        ConsistencyProof largest = new ConsistencyProof(Long.MAX_VALUE - 1, Long.MAX_VALUE, path);
        byte[] der = ConsistencyProofCodec.encode(largest);
        assertThat(der).hasSize(ConsistencyProofCodec.MAX_ENCODED_LENGTH);
        assertThat(ConsistencyProofCodec.decode(der)).isEqualTo(largest);
    }

    static Stream<Arguments> nonCanonicalOrOutOfRange() {
        byte[] hash = h(HASH);
        return Stream.of(
                Arguments.of("version 0", der(w -> w.integer(0).integer(1).integer(2).sequence(p -> { })),
                        "unsupported consistency proof version 0"),
                Arguments.of("negative old size", der(w -> w.integer(1).integer(-1).integer(2).sequence(p -> { })),
                        "oldSize = -1 out of range"),
                Arguments.of("new size 2^63", h("3013" + "020101" + "020101" + "0209008000000000000000" + "3000"),
                        "newSize out of range"),
                Arguments.of("non-minimal negative INTEGER", h("300c" + "020101" + "0202ffff" + "020108" + "3000"),
                        "INTEGER is not minimally encoded"),
                Arguments.of("hash of 0 octets", der(w -> w.integer(1).integer(1).integer(2)
                        .sequence(p -> p.octetString(new byte[0]))), "path[0]: length 0 outside [32, 32]"),
                Arguments.of("hash of 33 octets", der(w -> w.integer(1).integer(1).integer(2)
                        .sequence(p -> p.octetString(Arrays.copyOf(hash, 33)))), "path[0]: length 33 outside"),
                Arguments.of("BOOLEAN instead of a size", der(w -> w.integer(1).bool(true).integer(2)
                        .sequence(p -> { })), "expected INTEGER but found BOOLEAN"),
                Arguments.of("nested SEQUENCE in the path", der(w -> w.integer(1).integer(1).integer(2)
                        .sequence(p -> p.sequence(q -> q.octetString(hash)))), "expected OCTET STRING but found SEQUENCE"),
                Arguments.of("byte after the SEQUENCE", h("300b" + "020101" + "020101" + "020101" + "3000" + "ff"),
                        "unexpected trailing byte"),
                Arguments.of("65 hashes", der(w -> w.integer(1).integer(1).integer(Long.MAX_VALUE).sequence(p -> {
                    for (int i = 0; i < 65; i++) {
                        p.octetString(hash);
                    }
                })), "exceeds the limit of 2207"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonCanonicalOrOutOfRange")
    void rejectsNonCanonicalOrOutOfRangeEncodingsWithADecodeException(String what, byte[] der, String message) {
        assertThatThrownBy(() -> ConsistencyProofCodec.decode(der)).isInstanceOf(DecodeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void decodesSizesOutOfOrderOrAnEmptyOldTreeForTheVerifierToRefuse() {
        byte[] r = h(HASH);
        ConsistencyProof backwards = ConsistencyProofCodec.decode(der(w -> w.integer(1).integer(8).integer(6)
                .sequence(p -> { })));
        ConsistencyProof fromEmpty = ConsistencyProofCodec.decode(der(w -> w.integer(1).integer(0).integer(6)
                .sequence(p -> { })));
        assertThat(backwards).isEqualTo(new ConsistencyProof(8, 6, List.of()));
        assertThat(MerkleProofs.verifyConsistency(backwards, r, r)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(fromEmpty, r, r)).isFalse();
    }

    @Test
    void refusesToEncodeWhatTheDecoderWouldRefuse() {
        assertThatThrownBy(() -> ConsistencyProofCodec.encode(new ConsistencyProof(1, 2,
                Collections.nCopies(65, h(HASH))))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("path of 65 hashes exceeds the limit of 64");
        assertThatThrownBy(() -> ConsistencyProofCodec.encode(new ConsistencyProof(1, 2, List.of(new byte[33]))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("path[0] has 33 octets");
    }
}
