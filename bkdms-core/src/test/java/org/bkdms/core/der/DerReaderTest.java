package org.bkdms.core.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bkdms.core.error.DecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DerReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static DerReader reader(String hex) {
        return DerReader.of(HEX.parseHex(hex.replace(" ", "")));
    }

    private static String ascii(String s) {
        return HEX.formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Asserts a DecodeException at the given absolute offset. */
    private static AbstractThrowableAssert<?, ? extends Throwable> rejectsAt(String hex, long offset,
            Consumer<DerReader> read) {
        DerReader r = reader(hex);
        return assertThatThrownBy(() -> read.accept(r))
                .isInstanceOf(DecodeException.class)
                .satisfies(e -> assertThat(((DecodeException) e).offset()).isEqualTo(offset))
                .hasMessageEndingWith("(at byte " + offset + ")");
    }

    // ---------------------------------------------------------------- accepted vectors

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource({
        "0, 020100",
        "127, 02017f",
        "128, 02020080",
        "-128, 020180",
        "-129, 0202ff7f",
        "256, 02020100",
        "9223372036854775807, 02087fffffffffffffff",
        "-9223372036854775808, 02088000000000000000",
    })
    void readsMinimalIntegers(long expected, String hex) {
        assertThat(reader(hex).readLong(Long.MIN_VALUE, Long.MAX_VALUE, "n")).isEqualTo(expected);
        assertThat(reader(hex).readBigInteger()).isEqualTo(BigInteger.valueOf(expected));
    }

    @Test
    void readsIntegersBeyondLongRangeAsBigInteger() {
        assertThat(reader("0209 010000000000000000").readBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(64));
    }

    @Test
    void readsEnumerated() {
        assertThat(reader("0a0104").readEnumerated(0, 255, "e")).isEqualTo(4);
    }

    @Test
    void readsBooleans() {
        assertThat(reader("0101ff").readBoolean()).isTrue();
        assertThat(reader("010100").readBoolean()).isFalse();
    }

    @Test
    void readsShortAndLongFormLengths() {
        assertThat(reader("0403 010203").readOctetString(0, 10, "o")).containsExactly(1, 2, 3);
        assertThat(reader("047f" + "ab".repeat(127)).readOctetString(0, 1000, "o")).hasSize(127);
        assertThat(reader("048180" + "ab".repeat(128)).readOctetString(0, 1000, "o")).hasSize(128);
        assertThat(reader("0481ff" + "ab".repeat(255)).readOctetString(0, 1000, "o")).hasSize(255);
        assertThat(reader("04820100" + "ab".repeat(256)).readOctetString(0, 1000, "o")).hasSize(256);
        assertThat(reader("0400").readOctetString(0, 10, "o")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "030100, ''",
        "03020780, 80",
        "03020490, 90",
        "03020001, 01",
        "0303070080, 0080",
        "030300ff01, ff01",
    })
    void readsNamedBitLists(String hex, String bits) {
        assertThat(HEX.formatHex(reader(hex).readBitString(8, "b"))).isEqualTo(bits);
    }

    @Test
    void readsStrings() {
        assertThat(reader("0c05 c3a9e282ac").readUtf8String(0, 10, "u")).isEqualTo("é€");
        assertThat(reader("0c00").readUtf8String(0, 10, "u")).isEmpty();
        assertThat(reader("1305 4e4f545244").readPrintableString(1, 16, "p")).isEqualTo("NOTRD");
        assertThat(reader("160b" + ascii("https://x/@")).readIa5String(1, 64, "i")).isEqualTo("https://x/@");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "20250630120000Z, 2025-06-30T12:00:00Z",
        "20250630120000.123Z, 2025-06-30T12:00:00.123Z",
        "20250630120000.5Z, 2025-06-30T12:00:00.5Z",
        "20250630120000.000000001Z, 2025-06-30T12:00:00.000000001Z",
        "20240229235959.999999999Z, 2024-02-29T23:59:59.999999999Z",
        "00000101000000Z, 0000-01-01T00:00:00Z",
        "99991231235959Z, 9999-12-31T23:59:59Z",
    })
    void readsGeneralizedTimeWithAndWithoutFraction(String text, String instant) {
        String hex = "18" + String.format("%02x", text.length()) + ascii(text);
        assertThat(reader(hex).readGeneralizedTime("t")).isEqualTo(Instant.parse(instant));
    }

    @Test
    void readsWhatTheWriterWrites() {
        byte[] der = new DerWriter().sequence(s -> s.integer(-129).bool(true).namedBits(0b10010)
                .utf8String("pm_2.5").printableString("NOTRD").ia5String("x").octetString(new byte[200])
                .generalizedTime(Instant.parse("2025-06-30T12:00:00.123Z")).enumerated(3)).toByteArray();
        DerReader top = DerReader.of(der);
        DerReader r = top.readSequence();
        top.expectEnd();
        assertThat(r.readLong(-1000, 1000, "i")).isEqualTo(-129);
        assertThat(r.readBoolean()).isTrue();
        assertThat(r.readBitString(8, "b")).containsExactly(0x48);
        assertThat(r.readUtf8String(1, 32, "u")).isEqualTo("pm_2.5");
        assertThat(r.readPrintableString(1, 16, "p")).isEqualTo("NOTRD");
        assertThat(r.readIa5String(1, 16, "a")).isEqualTo("x");
        assertThat(r.readOctetString(200, 200, "o")).hasSize(200);
        assertThat(r.readGeneralizedTime("t")).isEqualTo(Instant.parse("2025-06-30T12:00:00.123Z"));
        assertThat(r.readEnumerated(0, 10, "e")).isEqualTo(3);
        assertThat(r.hasRemaining()).isFalse();
        r.expectEnd();
    }

    @Test
    void returnsAWholeElementAndAdvancesPastIt() {
        DerReader r = reader("0403010203 020105");
        assertThat(HEX.formatHex(r.readElement(DerTag.OCTET_STRING))).isEqualTo("0403010203");
        assertThat(r.position()).isEqualTo(5);
        assertThat(r.peekTag()).isEqualTo(DerTag.INTEGER);
        assertThat(r.readLong(0, 10, "n")).isEqualTo(5);
    }

    @Test
    void reportsAbsoluteOffsetsInsideNestedSequences() {
        // 30 06 | 02 01 01 | 01 01 07  -> bad BOOLEAN at absolute offset 5
        DerReader outer = reader("3006 020101 010107");
        DerReader inner = outer.readSequence();
        assertThat(outer.hasRemaining()).isFalse();
        assertThat(inner.position()).isEqualTo(2);
        inner.readLong(0, 10, "n");
        assertThatThrownBy(inner::readBoolean).isInstanceOf(DecodeException.class)
                .satisfies(e -> assertThat(((DecodeException) e).offset()).isEqualTo(5));
    }

    @Test
    void keepsANestedReaderInsideItsSequence() {
        // the inner sequence holds one INTEGER; the INTEGER after it belongs to the outer reader only
        DerReader outer = reader("3003 020101 020102");
        DerReader inner = outer.readSequence();
        inner.readLong(0, 10, "n");
        assertThat(inner.hasRemaining()).isFalse();
        rejectsAt("3003 020101 020102", 5, r -> {
            DerReader in = r.readSequence();
            in.readLong(0, 10, "n");
            in.readLong(0, 10, "n");
        }).hasMessageContaining("input ends");
        assertThat(outer.readLong(0, 10, "n")).isEqualTo(2);
    }

    // ---------------------------------------------------------------- length rejections

    @Test
    void rejectsIndefiniteLength() {
        rejectsAt("3080 020100 0000", 1, DerReader::readSequence).hasMessageContaining("indefinite");
    }

    @Test
    void rejectsNonMinimalLongFormLength() {
        rejectsAt("048105 0102030405", 1, r -> r.readOctetString(0, 10, "o")).hasMessageContaining("short form");
        rejectsAt("04817f" + "00".repeat(127), 1, r -> r.readOctetString(0, 200, "o"));
    }

    @Test
    void rejectsLeadingZeroLengthOctet() {
        rejectsAt("04820080" + "00".repeat(128), 1, r -> r.readOctetString(0, 200, "o"))
                .hasMessageContaining("leading zero");
        rejectsAt("0484000000ff" + "00".repeat(255), 1, r -> r.readOctetString(0, 300, "o"));
    }

    @Test
    void rejectsLengthPastTheEnd() {
        rejectsAt("0405 0102", 0, r -> r.readOctetString(0, 10, "o")).hasMessageContaining("claims 5")
                .hasMessageContaining("only 2 remain");
    }

    @Test
    void rejectsLengthOctetsPastTheEnd() {
        rejectsAt("048201", 2, r -> r.readOctetString(0, 10, "o"));
    }

    @Test
    void rejectsMissingLengthOctets() {
        rejectsAt("04", 1, r -> r.readOctetString(0, 10, "o"));
    }

    @Test
    void rejectsLengthsOfMoreThanFourOctets() {
        rejectsAt("0485 0100000000 00", 1, r -> r.readOctetString(0, 10, "o"));
        rejectsAt("04ff 00", 1, r -> r.readOctetString(0, 10, "o"));
    }

    @Test
    void rejectsAHostileFourOctetLengthWithoutAllocatingIt() {
        // 10 octets claiming 0x7fffffff (2 GiB - 1) and 0x80000000 (2 GiB) content octets
        rejectsAt("04847fffffff00000000", 0, r -> r.readOctetString(0, Integer.MAX_VALUE, "o"))
                .hasMessageContaining("claims 2147483647");
        rejectsAt("30848000000000000000", 0, DerReader::readSequence)
                .hasMessageContaining("claims 2147483648");
        rejectsAt("0c84ffffffff00000000", 0, r -> r.readUtf8String(0, Integer.MAX_VALUE, "u"));

        com.sun.management.ThreadMXBean threads = threadBean();
        long thread = Thread.currentThread().getId();
        byte[] hostile = HEX.parseHex("04847fffffff00000000");
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100; i++) {
            try {
                DerReader.of(hostile).readOctetString(0, Integer.MAX_VALUE, "o");
            } catch (DecodeException expected) {
                // fine
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated by 100 rejected reads").isLessThan(10L * 1024 * 1024);
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    // ---------------------------------------------------------------- INTEGER / BOOLEAN

    @ParameterizedTest
    @ValueSource(strings = {"02020001", "0202007f", "0202ff80", "0202ffff", "0203000080"})
    void rejectsNonMinimalIntegers(String hex) {
        rejectsAt(hex, 0, DerReader::readBigInteger).hasMessageContaining("not minimally encoded");
        rejectsAt(hex, 0, r -> r.readLong(Long.MIN_VALUE, Long.MAX_VALUE, "n"));
    }

    @Test
    void rejectsEmptyInteger() {
        rejectsAt("0200", 0, DerReader::readBigInteger).hasMessageContaining("empty");
    }

    @Test
    void rejectsIntegersOutsideTheRequestedRange() {
        rejectsAt("020105", 0, r -> r.readLong(0, 4, "n")).hasMessageContaining("n = 5 out of range [0, 4]");
        rejectsAt("0201ff", 0, r -> r.readLong(0, 4, "n"));
        rejectsAt("0209 010000000000000000", 0, r -> r.readLong(0, Long.MAX_VALUE, "n"))
                .hasMessageContaining("out of range");
        rejectsAt("0a0105", 0, r -> r.readEnumerated(0, 4, "e"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"010101", "010180", "0101fe", "01017f"})
    void rejectsBooleanOtherThanZeroOrFf(String hex) {
        rejectsAt(hex, 0, DerReader::readBoolean).hasMessageContaining("0x00 or 0xFF");
    }

    @Test
    void rejectsBooleanOfWrongLength() {
        rejectsAt("0100", 0, DerReader::readBoolean);
        rejectsAt("0102ffff", 0, DerReader::readBoolean);
    }

    // ---------------------------------------------------------------- BIT STRING

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "03020700",   // 7 unused bits but the last octet is all zero
        "03020000",   // no unused bits, last octet zero: trailing zero bits
        "03020680",   // says 6 unused, but bit 0 alone leaves 7 trailing zeros
        "03020480",   // says 4 unused, 7 trailing zeros
        "0303070100", // last octet zero
    })
    void rejectsBitStringWithTrailingZeroBits(String hex) {
        rejectsAt(hex, 0, r -> r.readBitString(8, "flags")).hasMessageContaining("trailing zero bits");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "03020881",   // unused count 8
        "0302ff80",   // unused count 255
        "030101",     // unused bits in an empty bit string
        "030107",
    })
    void rejectsBitStringWithBadUnusedCount(String hex) {
        rejectsAt(hex, 0, r -> r.readBitString(8, "flags")).hasMessageContaining("invalid unused-bit count");
    }

    @Test
    void rejectsBitStringWithoutUnusedCountOctetOrTooLong() {
        rejectsAt("0300", 0, r -> r.readBitString(8, "flags")).hasMessageContaining("length 0");
        rejectsAt("030a00" + "ff".repeat(9), 0, r -> r.readBitString(8, "flags")).hasMessageContaining("length 10");
    }

    // ---------------------------------------------------------------- strings

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "0c02c328",     // invalid continuation octet
        "0c01c3",       // truncated sequence
        "0c02c0af",     // overlong encoding of '/'
        "0c03eda080",   // encoded surrogate
        "0c04f4908080", // beyond U+10FFFF
        "0c01ff",       // never valid
    })
    void rejectsInvalidUtf8(String hex) {
        rejectsAt(hex, 0, r -> r.readUtf8String(0, 10, "unit")).hasMessageContaining("unit: invalid UTF-8");
    }

    @Test
    void rejectsDisallowedPrintableStringCharacterAtItsOffset() {
        // 13 03 'A' '*' 'B': the '*' is at absolute offset 3
        rejectsAt("1303412a42", 3, r -> r.readPrintableString(1, 16, "city"))
                .hasMessageContaining("0x2A not allowed in PrintableString");
        rejectsAt("1302 41 40", 3, r -> r.readPrintableString(1, 16, "city"));
        rejectsAt("1301 c3", 2, r -> r.readPrintableString(1, 16, "city"));
    }

    @Test
    void rejectsNonAsciiIa5String() {
        rejectsAt("1603 616280", 4, r -> r.readIa5String(1, 16, "chain"));
    }

    @Test
    void rejectsStringsOutsideTheSizeLimits() {
        rejectsAt("1300", 0, r -> r.readPrintableString(1, 16, "city")).hasMessageContaining("length 0 outside [1, 16]");
        rejectsAt("0c03616263", 0, r -> r.readUtf8String(1, 2, "u")).hasMessageContaining("length 3 outside [1, 2]");
        rejectsAt("0402 0102", 0, r -> r.readOctetString(3, 3, "o"));
    }

    // ---------------------------------------------------------------- GeneralizedTime

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "20250630120000.120Z",       // trailing fractional zero
        "20250630120000.0Z",         // zero fraction must be omitted
        "20250630120000,12Z",        // comma as decimal sign
        "20250630120000.Z",          // empty fraction
        "20250630120000.1234567891Z",// more than nanoseconds
        "202506301200000",           // missing Z
        "20250630120000+0100",       // offset instead of Z
        "20250630120000z",           // lower-case z
        "2025063012000Z",            // missing a digit (14 characters)
        "202506301200Z0",            // Z not last
        "20250230120000Z",           // February 30
        "20250229120000Z",           // February 29 in a common year
        "20251301120000Z",           // month 13
        "20250630240000Z",           // hour 24
        "20250630126000Z",           // minute 60
        "20161231235960Z",           // leap second
        "2025063012000aZ",           // not a digit
        "+2025630120000Z",           // sign
        "20250630120000.1a3Z",       // letter in the fraction
    })
    void rejectsNonDerGeneralizedTime(String text) {
        String hex = "18" + String.format("%02x", text.length()) + ascii(text);
        rejectsAt(hex, 0, r -> r.readGeneralizedTime("time")).hasMessageContaining("time");
    }

    // ---------------------------------------------------------------- structure

    @Test
    void rejectsTrailingBytes() {
        rejectsAt("020100 00", 3, r -> {
            r.readLong(0, 0, "n");
            r.expectEnd();
        }).hasMessageContaining("1 unexpected trailing byte(s)");
        rejectsAt("3000 3000", 2, r -> {
            r.readSequence();
            r.expectEnd();
        });
    }

    @Test
    void rejectsWrongTag() {
        rejectsAt("040100", 0, r -> r.readLong(0, 10, "n")).hasMessageContaining("expected INTEGER but found OCTET STRING");
        rejectsAt("020100", 0, DerReader::readSequence).hasMessageContaining("expected SEQUENCE but found INTEGER");
        rejectsAt("310100", 0, DerReader::readSequence).hasMessageContaining("tag 0x31");
        rejectsAt("0a0100", 0, r -> r.readLong(0, 10, "n"));
        rejectsAt("020100", 0, r -> r.readEnumerated(0, 10, "e"));
        rejectsAt("1f2201 00", 0, r -> r.readOctetString(0, 10, "o"));
    }

    @Test
    void rejectsReadingPastTheEnd() {
        rejectsAt("", 0, DerReader::readBoolean).hasMessageContaining("input ends");
        rejectsAt("", 0, DerReader::peekTag);
        rejectsAt("010100", 3, r -> {
            r.readBoolean();
            r.readBoolean();
        });
    }
}
