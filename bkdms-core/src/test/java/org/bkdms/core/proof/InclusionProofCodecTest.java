package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bkdms.core.proof.Rfc6962Vectors.h;
import static org.bkdms.core.proof.Rfc6962Vectors.hex;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InclusionProofCodecTest {
    private static final String HASH = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";

    // Written by hand from the ASN.1 in the codec's Javadoc, not produced by the encoder: the
    // published audit path of leaf 5 in the 8-leaf reference tree.
    private static final String GOLDEN_5_OF_8 = "3071" // SEQUENCE, 113 content octets
            + "020101" // version 1
            + "020105" // leafIndex 5
            + "020108" // treeSize 8
            + "3066" // path: SEQUENCE, 3 x 34 octets
            + "0420" + "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
            + "0420" + "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"
            + "0420" + "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";

    @Test
    void encodesThePublishedAuditPathAsTheHandWrittenDer() {
        InclusionProof proof = Rfc6962Vectors.INCLUSION_PROOFS.get(2);
        assertThat(hex(InclusionProofCodec.encode(proof))).isEqualTo(GOLDEN_5_OF_8);
        assertThat(InclusionProofCodec.decode(h(GOLDEN_5_OF_8))).isEqualTo(proof);
    }

    @Test
    void encodesAnEmptyPathAsAnEmptySequence() {
        String der = "300b" + "020101" + "020100" + "020101" + "3000";
        assertThat(hex(InclusionProofCodec.encode(new InclusionProof(0, 1, List.of())))).isEqualTo(der);
        assertThat(InclusionProofCodec.decode(h(der))).isEqualTo(new InclusionProof(0, 1, List.of()));
    }

    @Test
    void theLargestProofFillsTheLengthLimitExactly() {
        List<byte[]> path = Collections.nCopies(MerkleProofs.MAX_PATH_LENGTH, h(HASH));
        InclusionProof largest = new InclusionProof(Long.MAX_VALUE - 1, Long.MAX_VALUE, path);
        byte[] der = InclusionProofCodec.encode(largest);
        assertThat(der).hasSize(InclusionProofCodec.MAX_ENCODED_LENGTH);
        assertThat(InclusionProofCodec.MAX_ENCODED_LENGTH).isEqualTo(2207);
        assertThat(InclusionProofCodec.decode(der)).isEqualTo(largest);
    }

    static Stream<Arguments> nonCanonicalOrOutOfRange() {
        byte[] hash = h(HASH);
        return Stream.of(
                Arguments.of("version 2", der(w -> w.integer(2).integer(0).integer(1).sequence(p -> { })),
                        "unsupported inclusion proof version 2"),
                Arguments.of("tree size 0", der(w -> w.integer(1).integer(0).integer(0).sequence(p -> { })),
                        "treeSize = 0 out of range [1, 9223372036854775807]"),
                Arguments.of("negative leaf index", der(w -> w.integer(1).integer(-1).integer(1).sequence(p -> { })),
                        "leafIndex = -1 out of range"),
                Arguments.of("leaf index 2^63", h("3013" + "020101" + "0209008000000000000000" + "020101" + "3000"),
                        "leafIndex out of range"),
                Arguments.of("non-minimal INTEGER", h("300c" + "020101" + "02020005" + "020108" + "3000"),
                        "INTEGER is not minimally encoded"),
                Arguments.of("hash of 31 octets", der(w -> w.integer(1).integer(0).integer(2)
                        .sequence(p -> p.octetString(Arrays.copyOf(hash, 31)))), "path[0]: length 31 outside [32, 32]"),
                Arguments.of("hash of 33 octets", der(w -> w.integer(1).integer(0).integer(2)
                        .sequence(p -> p.octetString(hash).octetString(Arrays.copyOf(hash, 33)))),
                        "path[1]: length 33 outside [32, 32]"),
                Arguments.of("INTEGER in the path", der(w -> w.integer(1).integer(0).integer(2)
                        .sequence(p -> p.integer(5))), "expected OCTET STRING but found INTEGER"),
                Arguments.of("path as a SET", h("300b" + "020101" + "020100" + "020101" + "3100"),
                        "expected SEQUENCE but found tag 0x31"),
                Arguments.of("path missing", der(w -> w.integer(1).integer(0).integer(1)),
                        "expected SEQUENCE but the input ends"),
                Arguments.of("element after the path", der(w -> w.integer(1).integer(0).integer(1)
                        .sequence(p -> { }).integer(0)), "unexpected trailing byte"),
                Arguments.of("byte after the SEQUENCE", h("300b" + "020101" + "020100" + "020101" + "3000" + "00"),
                        "unexpected trailing byte"),
                Arguments.of("long-form length", h("30810b" + "020101" + "020100" + "020101" + "3000"),
                        "must use the short form"),
                Arguments.of("indefinite length", h("3080" + "020101" + "020100" + "020101" + "3000" + "0000"),
                        "indefinite length"),
                Arguments.of("65 hashes", der(w -> w.integer(1).integer(0).integer(Long.MAX_VALUE).sequence(p -> {
                    for (int i = 0; i < 65; i++) {
                        p.octetString(hash);
                    }
                })), "exceeds the limit of 2207"),
                Arguments.of("empty input", new byte[0], "expected SEQUENCE but the input ends"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonCanonicalOrOutOfRange")
    void rejectsNonCanonicalOrOutOfRangeEncodingsWithADecodeException(String what, byte[] der, String message) {
        assertThatThrownBy(() -> InclusionProofCodec.decode(der)).isInstanceOf(DecodeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsOversizedInputBeforeParsing() {
        byte[] huge = new byte[InclusionProofCodec.MAX_ENCODED_LENGTH + 1];
        assertThatThrownBy(() -> InclusionProofCodec.decode(huge)).isInstanceOf(DecodeException.class)
                .hasMessage("inclusion proof of 2208 octets exceeds the limit of 2207 (at byte 0)");
    }

    @Test
    void decodesAnIndexBeyondTheTreeForTheVerifierToRefuse() {
        InclusionProof beyond = InclusionProofCodec.decode(der(w -> w.integer(1).integer(9).integer(3)
                .sequence(p -> { })));
        assertThat(beyond).isEqualTo(new InclusionProof(9, 3, List.of()));
        assertThat(MerkleProofs.verifyInclusion(h(HASH), beyond, h(HASH))).isFalse();
    }

    @Test
    void refusesToEncodeWhatTheDecoderWouldRefuse() {
        byte[] hash = h(HASH);
        assertThatThrownBy(() -> InclusionProofCodec.encode(new InclusionProof(0, 0, List.of())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("tree size 0");
        assertThatThrownBy(() -> InclusionProofCodec.encode(new InclusionProof(0, 2,
                Collections.nCopies(65, hash)))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("path of 65 hashes exceeds the limit of 64");
        assertThatThrownBy(() -> InclusionProofCodec.encode(new InclusionProof(0, 2, List.of(new byte[31]))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("path[0] has 31 octets");
    }

    static byte[] der(java.util.function.Consumer<DerWriter> content) {
        return new DerWriter().sequence(content).toByteArray();
    }
}
