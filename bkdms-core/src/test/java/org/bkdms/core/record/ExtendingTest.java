package org.bkdms.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtendingTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] octets(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static void assertInvalidExtension(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.INVALID_EXTENSION));
    }

    @Test
    void startsEmpty() {
        Extending e = Extending.empty();
        assertThat(e.size()).isZero();
        assertThat(e.raw()).isEmpty();
        assertThat(e.sequenceNumber()).isEmpty();
        assertThat(e.salt()).isEmpty();
        assertThat(e.sourceReference()).isEmpty();
        assertThat(e.qualityFlags()).isEmpty();
        assertThat(e.unknownIds()).isEmpty();
    }

    // ---------------------------------------------------------------- typed accessors

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 127, 128, 65536, Long.MAX_VALUE})
    void roundTripsTheSequenceNumber(long n) {
        Extending e = Extending.empty().withSequenceNumber(n);
        assertThat(e.sequenceNumber()).hasValue(n);
        assertThat(e.raw()).containsOnlyKeys(ExtensionType.SEQUENCE_NUMBER.id());
    }

    @Test
    void storesTheSequenceNumberAsDerInteger() {
        assertThat(HEX.formatHex(Extending.empty().withSequenceNumber(42).raw().get(1))).isEqualTo("02012a");
        assertThat(HEX.formatHex(Extending.empty().withSequenceNumber(128).raw().get(1))).isEqualTo("02020080");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void rejectsNegativeSequenceNumbers(long n) {
        assertInvalidExtension(() -> Extending.empty().withSequenceNumber(n));
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 17, 32, 64})
    void roundTripsSaltsOf16To64Octets(int length) {
        byte[] salt = octets(length);
        Extending e = Extending.empty().withSalt(salt);
        assertThat(e.salt()).hasValueSatisfying(s -> assertThat(s).isEqualTo(salt));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 65, 128})
    void rejectsSaltsOutside16To64Octets(int length) {
        assertInvalidExtension(() -> Extending.empty().withSalt(new byte[length]));
    }

    @Test
    void storesTheSaltAsDerOctetString() {
        assertThat(HEX.formatHex(Extending.empty().withSalt(octets(16)).raw().get(2)))
                .isEqualTo("0410000102030405060708090a0b0c0d0e0f");
    }

    @Test
    void doesNotLetCallersChangeTheSaltAfterTheFact() {
        byte[] salt = octets(16);
        Extending e = Extending.empty().withSalt(salt);
        salt[0] = 99;
        e.salt().orElseThrow()[1] = 99;
        e.raw().get(2)[2] = 99;
        assertThat(e.salt()).hasValueSatisfying(s -> assertThat(s).isEqualTo(octets(16)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sensor/aq-7", "x", "tabell 11342: Befolkning", "传感器/空气-7", "\uD83D\uDCE1 topic"})
    void roundTripsSourceReferences(String reference) {
        assertThat(Extending.empty().withSourceReference(reference).sourceReference()).hasValue(reference);
    }

    @Test
    void limitsSourceReferencesTo256Utf8Octets() {
        assertThat(Extending.empty().withSourceReference("a".repeat(256)).sourceReference()).hasValue("a".repeat(256));
        assertThat(Extending.empty().withSourceReference("é".repeat(128)).sourceReference()).hasValue("é".repeat(128));
        assertInvalidExtension(() -> Extending.empty().withSourceReference("a".repeat(257)));
        assertInvalidExtension(() -> Extending.empty().withSourceReference("é".repeat(129)));
        assertInvalidExtension(() -> Extending.empty().withSourceReference(""));
    }

    @Test
    void roundTripsQualityFlags() {
        assertThat(Extending.empty().withQualityFlags(Set.of()).qualityFlags()).isEmpty();
        for (QualityFlag f : QualityFlag.values()) {
            assertThat(Extending.empty().withQualityFlags(EnumSet.of(f)).qualityFlags()).containsExactly(f);
        }
        Set<QualityFlag> all = EnumSet.allOf(QualityFlag.class);
        assertThat(Extending.empty().withQualityFlags(all).qualityFlags()).isEqualTo(all);
        Set<QualityFlag> some = EnumSet.of(QualityFlag.ESTIMATED, QualityFlag.REVISED);
        assertThat(Extending.empty().withQualityFlags(some).qualityFlags()).isEqualTo(some);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', 030100",
        "ESTIMATED, 03020780",
        "PROVISIONAL, 03020640",
        "ESTIMATED REVISED, 03020490",
        "BELOW_DETECTION_LIMIT, 03020308",
        "ESTIMATED PROVISIONAL IMPUTED REVISED BELOW_DETECTION_LIMIT, 030203f8",
    })
    void storesQualityFlagsAsNamedBitList(String flags, String hex) {
        EnumSet<QualityFlag> set = EnumSet.noneOf(QualityFlag.class);
        for (String f : flags.split(" ")) {
            if (!f.isEmpty()) {
                set.add(QualityFlag.valueOf(f));
            }
        }
        assertThat(HEX.formatHex(Extending.empty().withQualityFlags(set).raw().get(4))).isEqualTo(hex);
    }

    @Test
    void ignoresQualityBitsItDoesNotKnow() {
        // bits 0 and 10: ESTIMATED plus an unassigned flag a newer site may set
        Extending e = Extending.ofRaw(Map.of(4, HEX.parseHex("0303058020")));
        assertThat(e.qualityFlags()).containsExactly(QualityFlag.ESTIMATED);
    }

    @Test
    void combinesAndReplacesExtensions() {
        Extending e = Extending.empty().withSequenceNumber(1).withSalt(octets(16)).withSourceReference("s")
                .withQualityFlags(EnumSet.of(QualityFlag.IMPUTED)).withSequenceNumber(2);
        assertThat(e.size()).isEqualTo(4);
        assertThat(e.sequenceNumber()).hasValue(2);
        assertThat(e.raw().keySet()).containsExactly(1, 2, 3, 4);
        Extending without = e.without(2);
        assertThat(without.salt()).isEmpty();
        assertThat(without.size()).isEqualTo(3);
        assertThat(e.salt()).isPresent();
    }

    // ---------------------------------------------------------------- invalid registered values

    @ParameterizedTest(name = "id {0}: {1}")
    @CsvSource({
        "1, 040100",                 // sequence number as OCTET STRING
        "1, 020100 00",              // trailing byte
        "1, 02020001",               // non-minimal INTEGER
        "1, 0201ff",                 // negative
        "1, 0209 010000000000000000",// beyond 2^63-1
        "1, ''",                     // empty
        "2, 040f 000102030405060708090a0b0c0d0e", // 15 octets
        "2, 0441 00",                // length claims more than present
        "2, 0c10 00000000000000000000000000000000", // UTF8String instead of OCTET STRING
        "3, 0c02 c328",              // invalid UTF-8
        "3, 0c00",                   // empty
        "3, 1301 41",                // PrintableString instead of UTF8String
        "4, 03020700",               // trailing zero bits
        "4, 03020881",               // bad unused-bit count
        "4, 030a00 ffffffffffffffffff", // nine octets of bits
        "4, 0101ff",                 // not a BIT STRING
        "4, 030100 030100",          // two values
    })
    void rejectsInvalidValuesOfRegisteredTypes(int id, String hex) {
        byte[] value = HEX.parseHex(hex.replace(" ", ""));
        assertInvalidExtension(() -> Extending.ofRaw(Map.of(id, value)));
        assertInvalidExtension(() -> Extending.empty().with(id, value));
    }

    @Test
    void namesTheExtensionTypeInTheMessage() {
        assertThatThrownBy(() -> Extending.ofRaw(Map.of(2, HEX.parseHex("0401aa"))))
                .hasMessageContaining("salt").hasMessageContaining("id 2");
    }

    // ---------------------------------------------------------------- unknown ids and limits

    @Test
    void keepsUnknownIdsByteForByte() {
        byte[] garbage = HEX.parseHex("ff00fe80");
        byte[] der = HEX.parseHex("0c03616263");
        Map<Integer, byte[]> raw = new TreeMap<>();
        raw.put(0, new byte[0]);
        raw.put(5, garbage);
        raw.put(999, der);
        raw.put(65535, octets(1024));
        Extending e = Extending.ofRaw(raw);
        assertThat(e.unknownIds()).containsExactly(0, 5, 999, 65535);
        assertThat(e.raw().get(0)).isEmpty();
        assertThat(e.raw().get(5)).isEqualTo(garbage);
        assertThat(e.raw().get(999)).isEqualTo(der);
        assertThat(e.raw().get(65535)).isEqualTo(octets(1024));
        garbage[0] = 0;
        assertThat(e.raw().get(5)).isEqualTo(HEX.parseHex("ff00fe80"));
    }

    @Test
    void listsOnlyUnregisteredIdsAsUnknown() {
        Extending e = Extending.empty().withSequenceNumber(7).with(999, new byte[] {1});
        assertThat(e.unknownIds()).containsExactly(999);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void rejectsIdsOutside0To65535(int id) {
        assertInvalidExtension(() -> Extending.ofRaw(Map.of(id, new byte[0])));
    }

    @Test
    void limitsValuesTo1024Octets() {
        assertThat(Extending.ofRaw(Map.of(999, new byte[1024])).size()).isEqualTo(1);
        assertInvalidExtension(() -> Extending.ofRaw(Map.of(999, new byte[1025])));
    }

    @Test
    void limitsTheNumberOfExtensionsTo64() {
        Map<Integer, byte[]> raw = new TreeMap<>();
        IntStream.range(100, 164).forEach(i -> raw.put(i, new byte[] {(byte) i}));
        assertThat(Extending.ofRaw(raw).size()).isEqualTo(64);
        raw.put(500, new byte[0]);
        assertInvalidExtension(() -> Extending.ofRaw(raw));
        Extending full = Extending.ofRaw(Map.of());
        for (int i = 0; i < 64; i++) {
            full = full.with(1000 + i, new byte[0]);
        }
        Extending sixtyFour = full;
        assertInvalidExtension(() -> sixtyFour.with(2000, new byte[0]));
    }

    @Test
    void comparesByContent() {
        Extending a = Extending.empty().withSequenceNumber(1).with(999, new byte[] {1, 2});
        Extending b = Extending.ofRaw(Map.of(999, new byte[] {1, 2}, 1, HEX.parseHex("020101")));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Extending.empty().withSequenceNumber(1).with(999, new byte[] {1, 3}));
        assertThat(a).isNotEqualTo(Extending.empty().withSequenceNumber(1));
        assertThat(a).isNotEqualTo(Extending.empty().withSequenceNumber(1).with(998, new byte[] {1, 2}));
    }

    @Test
    void describesItselfWithoutRevealingTheSalt() {
        Extending e = Extending.empty().withSequenceNumber(42).withSalt(octets(16)).withSourceReference("sensor/aq-7")
                .with(999, new byte[] {1});
        assertThat(e.toString()).contains("seq=42", "salt=16B", "source=sensor/aq-7", "unknown=[999]")
                .doesNotContain("000102030405");
    }
}
