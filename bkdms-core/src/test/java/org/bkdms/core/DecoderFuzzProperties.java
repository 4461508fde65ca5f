package org.bkdms.core;

import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.record.UnifiedKpiRecordCodec;
import org.bkdms.core.storage.KpiStorageRecordCodec;

/**
 * Feeds arbitrary octets to every decoder: each must either return or throw a {@link BkdmsException};
 * any other exception (NullPointerException, ArithmeticException, DateTimeException, …) fails the
 * property.
 */
class DecoderFuzzProperties {
    private static final List<Integer> TAGS = List.of(0x01, 0x02, 0x03, 0x04, 0x0a, 0x0c, 0x13, 0x16, 0x18, 0x30);

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(512);
    }

    // Element soup: nested SEQUENCEs of well-formed TLVs with the tags the codecs use, random content.
    @Provide
    Arbitrary<byte[]> derLikeBytes() {
        Arbitrary<Consumer<DerWriter>> leaf = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-300, 100_000).map(v -> (Consumer<DerWriter>) w -> w.integer(v))),
                Tuple.of(1, Arbitraries.of(true, false).map(v -> (Consumer<DerWriter>) w -> w.bool(v))),
                Tuple.of(1, Arbitraries.integers().between(0, 300).map(v -> (Consumer<DerWriter>) w -> w.enumerated(v))),
                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
                        .map(v -> (Consumer<DerWriter>) w -> w.octetString(v))),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(20).map(v -> (Consumer<DerWriter>) w -> w.utf8String(v))),
                Tuple.of(2, Arbitraries.strings().withChars("ABCNOTRD0123456789").ofMaxLength(8)
                        .map(v -> (Consumer<DerWriter>) w -> w.printableString(v))),
                Tuple.of(2, Arbitraries.strings().withChars("0123456789.Z").ofMinLength(14).ofMaxLength(25)
                        .map(v -> (Consumer<DerWriter>) w -> w.raw(tlv(0x18, v.getBytes())))),
                Tuple.of(2, Arbitraries.of(TAGS).flatMap(tag -> Arbitraries.bytes().array(byte[].class).ofMaxSize(20)
                        .map(c -> (Consumer<DerWriter>) w -> w.raw(tlv(tag, c))))));
        Arbitrary<Consumer<DerWriter>> level1 = Arbitraries.oneOf(leaf,
                leaf.list().ofMaxSize(5).map(DecoderFuzzProperties::sequenceOf));
        Arbitrary<Consumer<DerWriter>> level2 = Arbitraries.oneOf(level1,
                level1.list().ofMaxSize(6).map(DecoderFuzzProperties::sequenceOf));
        return level2.list().ofMinSize(1).ofMaxSize(9).map(items -> {
            DerWriter w = new DerWriter();
            sequenceOf(items).accept(w);
            return w.toByteArray();
        });
    }

    private static Consumer<DerWriter> sequenceOf(List<Consumer<DerWriter>> items) {
        return w -> w.sequence(s -> items.forEach(i -> i.accept(s)));
    }

    private static byte[] tlv(int tag, byte[] content) {
        byte[] out = new byte[content.length + 2];
        out[0] = (byte) tag;
        out[1] = (byte) content.length;
        System.arraycopy(content, 0, out, 2, content.length);
        return out;
    }

    private static void decodeAll(byte[] input) {
        try {
            UnifiedKpiRecordCodec.decode(input);
        } catch (BkdmsException expected) {
            // rejected as it should be
        }
        try {
            KpiStorageRecordCodec.decode(input);
        } catch (BkdmsException expected) {
            // rejected as it should be
        }
        try {
            KpiPacketCodec.decode(input);
        } catch (BkdmsException expected) {
            // rejected as it should be
        }
    }

    @Property(tries = 1000)
    void decodersThrowOnlyBkdmsExceptionsOnArbitraryBytes(@ForAll("anyBytes") byte[] input) {
        decodeAll(input);
    }

    @Property(tries = 1000)
    void decodersThrowOnlyBkdmsExceptionsOnDerShapedGarbage(@ForAll("derLikeBytes") byte[] input) {
        decodeAll(input);
    }
}
