package org.bkdms.core.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DerWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(Consumer<DerWriter> write) {
        DerWriter w = new DerWriter();
        write.accept(w);
        return HEX.formatHex(w.toByteArray());
    }

    private static String repeat(String octetHex, int times) {
        return octetHex.repeat(times);
    }

    @ParameterizedTest(name = "INTEGER {0} -> {1}")
    @CsvSource({
        "0, 020100",
        "1, 020101",
        "127, 02017f",
        "128, 02020080",
        "255, 020200ff",
        "256, 02020100",
        "-1, 0201ff",
        "-128, 020180",
        "-129, 0202ff7f",
        "-256, 0202ff00",
        "32767, 02027fff",
        "32768, 0203008000",
        "9223372036854775807, 02087fffffffffffffff",
        "-9223372036854775808, 02088000000000000000",
    })
    void writesMinimalTwosComplementIntegers(long value, String expected) {
        assertThat(hex(w -> w.integer(value))).isEqualTo(expected);
    }

    @Test
    void writesBigIntegerBeyondLongRangeWithLeadingZeroOnlyWhenSignBitSet() {
        assertThat(hex(w -> w.integer(BigInteger.ONE.shiftLeft(64)))).isEqualTo("0209010000000000000000");
        assertThat(hex(w -> w.integer(BigInteger.ONE.shiftLeft(71)))).isEqualTo("020a0080" + "00".repeat(8));
        assertThat(hex(w -> w.integer(BigInteger.ONE.shiftLeft(127).negate())))
                .isEqualTo("0210" + "80" + "00".repeat(15));
    }

    @ParameterizedTest(name = "ENUMERATED {0} -> {1}")
    @CsvSource({"0, 0a0100", "4, 0a0104", "255, 0a0200ff"})
    void writesEnumeratedWithItsOwnTag(int value, String expected) {
        assertThat(hex(w -> w.enumerated(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} content octets -> header {1}")
    @CsvSource({
        "0, 0400",
        "1, 0401",
        "127, 047f",
        "128, 048180",
        "255, 0481ff",
        "256, 04820100",
        "65535, 0482ffff",
        "65536, 0483010000",
    })
    void writesShortFormBelow128AndMinimalLongFormAbove(int contentLength, String header) {
        String encoded = hex(w -> w.octetString(new byte[contentLength]));
        assertThat(encoded).isEqualTo(header + repeat("00", contentLength));
    }

    @Test
    void writesBooleanAsFfOrZero() {
        assertThat(hex(w -> w.bool(true))).isEqualTo("0101ff");
        assertThat(hex(w -> w.bool(false))).isEqualTo("010100");
    }

    @ParameterizedTest(name = "named bits {0} -> {1}")
    @CsvSource({
        "0, 030100",          // empty list: only the unused-bit count 0
        "1, 03020780",        // bit 0 -> 1000 0000, 7 unused
        "2, 03020640",        // bit 1 -> 0100 0000, 6 unused
        "9, 03020490",        // bits 0 and 3 -> 1001 0000, 4 unused
        "31, 030203f8",       // bits 0..4 -> 1111 1000, 3 unused
        "128, 03020001",      // bit 7 -> 0000 0001, 0 unused
        "256, 0303070080",    // bit 8 -> second octet 1000 0000, 7 unused
        "257, 0303078080",    // bits 0 and 8
    })
    void writesNamedBitListsWithoutTrailingZeroBits(long bits, String expected) {
        assertThat(hex(w -> w.namedBits(bits))).isEqualTo(expected);
    }

    @Test
    void rejectsNegativeNamedBits() {
        assertThatThrownBy(() -> new DerWriter().namedBits(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesUtf8StringAsUtf8Octets() {
        assertThat(hex(w -> w.utf8String(""))).isEqualTo("0c00");
        assertThat(hex(w -> w.utf8String("ug/m3"))).isEqualTo("0c0575672f6d33");
        assertThat(hex(w -> w.utf8String("é€"))).isEqualTo("0c05c3a9e282ac");
        assertThat(hex(w -> w.utf8String("\uD83D\uDE00"))).isEqualTo("0c04f09f9880");
    }

    @Test
    void writesPrintableStringAndIa5StringWithTheirTags() {
        assertThat(hex(w -> w.printableString("NOTRD"))).isEqualTo("13054e4f545244");
        assertThat(hex(w -> w.printableString("A b'()+,-./:=?"))).isEqualTo("130e" + HEX.formatHex("A b'()+,-./:=?".getBytes()));
        assertThat(hex(w -> w.ia5String("https://x/@"))).isEqualTo("160b" + HEX.formatHex("https://x/@".getBytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*b", "a@b", "tab\t", "under_score", "semi;", "amp&"})
    void rejectsCharactersOutsidePrintableString(String text) {
        assertThatThrownBy(() -> new DerWriter().printableString(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonAsciiCharactersInPrintableString() {
        assertThatThrownBy(() -> new DerWriter().printableString("é")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonAsciiCharactersInIa5String() {
        assertThatThrownBy(() -> new DerWriter().ia5String("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2025-06-30T12:00:00Z, 20250630120000Z",
        "2025-06-30T12:00:00.123Z, 20250630120000.123Z",
        "2025-06-30T12:00:00.5Z, 20250630120000.5Z",
        "2025-06-30T12:00:00.120Z, 20250630120000.12Z",
        "2025-06-30T12:00:00.000000001Z, 20250630120000.000000001Z",
        "2025-06-30T12:00:00.999999999Z, 20250630120000.999999999Z",
        "1970-01-01T00:00:00Z, 19700101000000Z",
        "0000-01-01T00:00:00Z, 00000101000000Z",
        "9999-12-31T23:59:59Z, 99991231235959Z",
        "2024-02-29T23:59:59Z, 20240229235959Z",
    })
    void formatsGeneralizedTimeInUtcWithShortestFraction(String instant, String text) {
        assertThat(DerWriter.formatGeneralizedTime(Instant.parse(instant))).isEqualTo(text);
    }

    @Test
    void writesGeneralizedTimeWithAndWithoutFraction() {
        assertThat(hex(w -> w.generalizedTime(Instant.parse("2025-06-30T12:00:00Z"))))
                .isEqualTo("180f" + HEX.formatHex("20250630120000Z".getBytes()));
        assertThat(hex(w -> w.generalizedTime(Instant.parse("2025-06-30T12:00:00.123Z"))))
                .isEqualTo("1813" + HEX.formatHex("20250630120000.123Z".getBytes()));
    }

    @Test
    void rejectsTimesOutsideFourDigitYears() {
        assertThatThrownBy(() -> DerWriter.formatGeneralizedTime(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DerWriter.formatGeneralizedTime(Instant.parse("-0001-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesWhatItFormats() {
        Instant t = Instant.parse("2031-11-05T07:08:09.000120Z");
        assertThat(DerWriter.parseGeneralizedTime(DerWriter.formatGeneralizedTime(t))).isEqualTo(t);
    }

    @Test
    void writesNestedSequencesWithLengthOfTheirContent() {
        assertThat(hex(w -> w.sequence(s -> s.integer(1).sequence(i -> i.bool(true))))).isEqualTo("3008020101300301" + "01ff");
        assertThat(hex(w -> w.sequence(s -> { }))).isEqualTo("3000");
    }

    @Test
    void writesLongSequencesWithLongFormLength() {
        byte[] encoded = new DerWriter().sequence(s -> s.octetString(new byte[300])).toByteArray();
        // 04 82 01 2c + 300 content octets = 304 = 0x130
        assertThat(HEX.formatHex(encoded, 0, 8)).isEqualTo("30820130" + "0482012c");
        assertThat(encoded).hasSize(4 + 304);
    }

    @Test
    void appendsRawElementsVerbatim() {
        byte[] element = HEX.parseHex("0403010203");
        assertThat(hex(w -> w.integer(5).raw(element).bool(false))).isEqualTo("020105" + "0403010203" + "010100");
    }

    @Test
    void returnsIndependentCopiesOfItsBuffer() {
        DerWriter w = new DerWriter().integer(1);
        byte[] first = w.toByteArray();
        first[0] = 0x7f;
        assertThat(w.toByteArray()).containsExactly(0x02, 0x01, 0x01);
    }

    @Test
    void growsItsBufferForLargeContent() {
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 0x5a);
        byte[] encoded = new DerWriter().octetString(big).integer(7).toByteArray();
        assertThat(HEX.formatHex(encoded, 0, 5)).isEqualTo("0483011170");
        assertThat(Arrays.copyOfRange(encoded, 5, 5 + big.length)).isEqualTo(big);
        assertThat(HEX.formatHex(encoded, 5 + big.length, encoded.length)).isEqualTo("020107");
    }
}
