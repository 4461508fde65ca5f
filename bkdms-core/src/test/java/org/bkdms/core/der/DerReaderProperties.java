package org.bkdms.core.der;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.bkdms.core.error.DecodeException;

/**
 * The reader accepts exactly the encodings the writer produces: whatever it accepts re-encodes to
 * the same octets, and whatever it rejects it rejects with a {@link DecodeException}.
 */
class DerReaderProperties {

    private static byte[] tlv(int tag, byte[] content) {
        DerWriter w = new DerWriter();
        w.octetString(content);
        byte[] out = w.toByteArray();
        out[0] = (byte) tag;
        return out;
    }

    /** Runs a read; returns true if accepted, false if rejected with a DecodeException. */
    private static boolean accepts(Consumer<DerReader> read, byte[] input) {
        try {
            DerReader r = DerReader.of(input);
            read.accept(r);
            r.expectEnd();
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }

    @Property(tries = 1000)
    void integersRoundTrip(@ForAll long value) {
        byte[] der = new DerWriter().integer(value).toByteArray();
        DerReader r = DerReader.of(der);
        assertThat(r.readLong(Long.MIN_VALUE, Long.MAX_VALUE, "n")).isEqualTo(value);
        r.expectEnd();
        assertThat(DerReader.of(der).readBigInteger()).isEqualTo(BigInteger.valueOf(value));
    }

    @Property(tries = 500)
    void bigIntegersRoundTrip(@ForAll @Size(max = 40) byte[] twosComplement) {
        BigInteger value = twosComplement.length == 0 ? BigInteger.ZERO : new BigInteger(twosComplement);
        byte[] der = new DerWriter().integer(value).toByteArray();
        assertThat(DerReader.of(der).readBigInteger()).isEqualTo(value);
    }

    @Property(tries = 1000)
    void anAcceptedIntegerContentIsTheOnlyEncodingOfItsValue(@ForAll @Size(min = 0, max = 10) byte[] content) {
        byte[] der = tlv(DerTag.INTEGER, content);
        BigInteger[] read = new BigInteger[1];
        if (accepts(r -> read[0] = r.readBigInteger(), der)) {
            assertThat(new DerWriter().integer(read[0]).toByteArray()).isEqualTo(der);
        }
    }

    @Property(tries = 300)
    void octetStringsOfAnyLengthRoundTripWithMinimalLengthOctets(@ForAll @IntRange(min = 0, max = 70_000) int length) {
        byte[] content = new byte[length];
        Arrays.fill(content, (byte) length);
        byte[] der = new DerWriter().octetString(content).toByteArray();
        int lengthOctets = length < 0x80 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 4;
        assertThat(der).hasSize(1 + lengthOctets + length);
        assertThat(DerReader.of(der).readOctetString(0, Integer.MAX_VALUE, "o")).isEqualTo(content);
    }

    @Provide
    Arbitrary<byte[]> octetStringHeaders() {
        // a length in short or long form, sometimes padded with zero octets, followed by about that many octets
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(-1, 1)).as((length, form, padding, delta) -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    out.write(DerTag.OCTET_STRING);
                    if (form == 0) {
                        out.write(length & 0x7f);
                    } else {
                        byte[] value = BigInteger.valueOf(length).toByteArray();
                        int start = value.length > 1 && value[0] == 0 ? 1 : 0;
                        int n = value.length - start + padding;
                        out.write(0x80 | Math.min(n, 0x7f));
                        for (int i = 0; i < padding; i++) {
                            out.write(0);
                        }
                        out.write(value, start, value.length - start);
                    }
                    int content = form == 0 ? (length & 0x7f) : length;
                    out.writeBytes(new byte[Math.max(0, content + delta)]);
                    return out.toByteArray();
                });
    }

    @Property(tries = 1000)
    void anAcceptedHeaderIsTheOnlyEncodingOfItsLength(@ForAll("octetStringHeaders") byte[] der) {
        byte[][] read = new byte[1][];
        if (accepts(r -> read[0] = r.readOctetString(0, Integer.MAX_VALUE, "o"), der)) {
            assertThat(new DerWriter().octetString(read[0]).toByteArray()).isEqualTo(der);
        }
    }

    @Property(tries = 1000)
    void namedBitsRoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bits) {
        byte[] der = new DerWriter().namedBits(bits).toByteArray();
        byte[] read = DerReader.of(der).readBitString(8, "b");
        long back = 0;
        for (int i = 0; i < read.length * 8; i++) {
            if ((read[i / 8] & (0x80 >>> (i % 8))) != 0) {
                back |= 1L << i;
            }
        }
        assertThat(back).isEqualTo(bits);
    }

    @Property(tries = 1000)
    void anAcceptedBitStringIsTheOnlyEncodingOfItsBits(@ForAll @Size(min = 0, max = 8) byte[] content) {
        byte[] der = tlv(DerTag.BIT_STRING, content);
        byte[][] read = new byte[1][];
        if (accepts(r -> read[0] = r.readBitString(7, "b"), der)) {
            long bits = 0;
            for (int i = 0; i < read[0].length * 8; i++) {
                if ((read[0][i / 8] & (0x80 >>> (i % 8))) != 0) {
                    bits |= 1L << i;
                }
            }
            assertThat(new DerWriter().namedBits(bits).toByteArray()).isEqualTo(der);
        }
    }

    @Property(tries = 1000)
    void anAcceptedUtf8StringReEncodesToTheSameOctets(@ForAll @Size(max = 12) byte[] content) {
        byte[] der = tlv(DerTag.UTF8_STRING, content);
        String[] read = new String[1];
        if (accepts(r -> read[0] = r.readUtf8String(0, 100, "u"), der)) {
            assertThat(new DerWriter().utf8String(read[0]).toByteArray()).isEqualTo(der);
        }
    }

    @Property(tries = 1000)
    void utf8StringsOfWellFormedTextRoundTrip(@ForAll String text) {
        String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        byte[] der = new DerWriter().utf8String(wellFormed).toByteArray();
        assertThat(DerReader.of(der).readUtf8String(0, Integer.MAX_VALUE, "u")).isEqualTo(wellFormed);
    }

    @Provide
    Arbitrary<Instant> instants() {
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        return net.jqwik.api.Combinators.combine(Arbitraries.longs().between(min, max),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999)))
                .as(Instant::ofEpochSecond);
    }

    @Property(tries = 1000)
    void generalizedTimesRoundTrip(@ForAll("instants") Instant t) {
        byte[] der = new DerWriter().generalizedTime(t).toByteArray();
        assertThat(DerReader.of(der).readGeneralizedTime("t")).isEqualTo(t);
    }

    @Provide
    Arbitrary<String> timeLikeText() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofLength(14);
        Arbitrary<String> fraction = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(10);
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789.,Z+-z ").ofMinLength(13).ofMaxLength(26);
        Arbitrary<String> plausible = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 24),
                Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 60), fraction,
                Arbitraries.of("Z", "", "z", "+0000"))
                .as((y, mo, d, h, mi, s, f, z) -> String.format("%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, s)
                        + (f.isEmpty() ? "" : "." + f) + z);
        return Arbitraries.oneOf(plausible, digits.map(d -> d + "Z"), noise);
    }

    @Property(tries = 1000)
    void anAcceptedGeneralizedTimeIsTheOnlyEncodingOfItsInstant(@ForAll("timeLikeText") String text) {
        byte[] der = tlv(DerTag.GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
        Instant[] read = new Instant[1];
        if (accepts(r -> read[0] = r.readGeneralizedTime("t"), der)) {
            assertThat(DerWriter.formatGeneralizedTime(read[0])).isEqualTo(text);
        }
    }

    @Property(tries = 1000)
    void everyReadRejectsArbitraryBytesOnlyWithDecodeException(@ForAll @Size(max = 64) byte[] input) {
        accepts(DerReader::readBigInteger, input);
        accepts(r -> r.readLong(-5, 5, "n"), input);
        accepts(r -> r.readEnumerated(0, 255, "e"), input);
        accepts(DerReader::readBoolean, input);
        accepts(r -> r.readOctetString(0, 64, "o"), input);
        accepts(r -> r.readBitString(8, "b"), input);
        accepts(r -> r.readUtf8String(0, 64, "u"), input);
        accepts(r -> r.readPrintableString(0, 64, "p"), input);
        accepts(r -> r.readIa5String(0, 64, "i"), input);
        accepts(r -> r.readGeneralizedTime("t"), input);
        accepts(DerReader::readSequence, input);
        accepts(r -> r.readElement(input.length == 0 ? 0 : input[0] & 0xFF), input);
        accepts(DerReader::peekTag, input);
    }
}
