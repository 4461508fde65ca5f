package org.bkdms.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bkdms.core.GoldenVectors;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.UnknownCitySchemeException;
import org.bkdms.core.error.UnknownKpiCodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.kpi.KpiValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedKpiRecordCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] salt16() {
        byte[] salt = new byte[16];
        for (int i = 0; i < 16; i++) {
            salt[i] = (byte) i;
        }
        return salt;
    }

    /** The record of the golden vector. */
    static UnifiedKpiRecord goldenRecord() {
        TreeMap<String, KpiValue> values = new TreeMap<>();
        values.put("pm_10", KpiValue.of("12.5"));
        values.put("pm_2.5", KpiValue.of("7.25"));
        return new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                SiteId.parse("10.0.0.7"), Instant.parse("2025-06-30T12:00:00.123Z"),
                new KpiData(KpiCode.parse("EN: EN: AQ: 1C"), values, "ug/m3"),
                Extending.empty().withSequenceNumber(42).withSalt(salt16()).withSourceReference("sensor/aq-7"));
    }

    private static UnifiedKpiRecord everyPartRecord() {
        TreeMap<String, KpiValue> values = new TreeMap<>();
        values.put("public", KpiValue.of("97.00"));
        values.put("private", KpiValue.of("-0.50"));
        values.put("cycling", KpiValue.of("99999999999999999999999999999999999999"));
        values.put("walking", KpiValue.of("-99999999999999999999.999999999999999999"));
        values.put("para", KpiValue.of("0.000000000000000001"));
        Extending ext = Extending.empty().withSequenceNumber(Long.MAX_VALUE).withSalt(new byte[64])
                .withSourceReference("传感器/模式-7").withQualityFlags(EnumSet.of(QualityFlag.PROVISIONAL,
                        QualityFlag.BELOW_DETECTION_LIMIT))
                .with(999, HEX.parseHex("ff00deadbeef80")).with(0, new byte[0]).with(65535, new byte[1024]);
        return new UnifiedKpiRecord(CountryRegion.of(156), new City(CityCodingScheme.CN_GBT_2260, "330100"),
                SiteId.parse("2001:db8::7"), Instant.parse("2099-12-31T23:59:59.999999999Z"),
                new KpiData(KpiCode.parse("EC: I: T: 4A"), values, "%"), ext);
    }

    private static UnifiedKpiRecord booleanRecord() {
        TreeMap<String, KpiValue> values = new TreeMap<>();
        values.put("compact", KpiValue.of(true));
        values.put("connected", KpiValue.of(false));
        values.put("resilient", KpiValue.of(true));
        return new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.NO_KOMMUNENUMMER, "5001"),
                SiteId.parse("::ffff:192.0.2.1"), Instant.parse("1970-01-01T00:00:00Z"),
                new KpiData(KpiCode.parse("EC: I: UP: 2A"), values, "yes/no"), Extending.empty());
    }

    private static UnifiedKpiRecord usRecord() {
        return new UnifiedKpiRecord(CountryRegion.of(840), new City(CityCodingScheme.US_FIPS_55, "3651000"),
                SiteId.parse("192.0.2.33"), Instant.parse("0000-01-01T00:00:00.000000001Z"),
                KpiData.single(KpiCode.parse("EC: ICT: ICT: 5C"), KpiUnit.COUNT, KpiValue.of("78")),
                Extending.empty().withQualityFlags(EnumSet.noneOf(QualityFlag.class)));
    }

    private static UnifiedKpiRecord roundTrip(UnifiedKpiRecord record) {
        byte[] der = UnifiedKpiRecordCodec.encode(record);
        UnifiedKpiRecord decoded = UnifiedKpiRecordCodec.decode(der);
        assertThat(decoded).isEqualTo(record);
        assertThat(UnifiedKpiRecordCodec.encode(decoded)).isEqualTo(der);
        return decoded;
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void roundTripsTheGoldenRecord() {
        UnifiedKpiRecord decoded = roundTrip(goldenRecord());
        assertThat(decoded.extending().sequenceNumber()).hasValue(42);
        assertThat(decoded.extending().salt()).hasValueSatisfying(s -> assertThat(s).isEqualTo(salt16()));
        assertThat(decoded.extending().sourceReference()).hasValue("sensor/aq-7");
    }

    @Test
    void roundTripsARecordCoveringEveryPart() {
        UnifiedKpiRecord decoded = roundTrip(everyPartRecord());
        assertThat(decoded.siteId().isIpv6()).isTrue();
        assertThat(decoded.time().getNano()).isEqualTo(999_999_999);
        assertThat(decoded.extending().qualityFlags())
                .containsExactlyInAnyOrder(QualityFlag.PROVISIONAL, QualityFlag.BELOW_DETECTION_LIMIT);
        assertThat(decoded.extending().unknownIds()).containsExactly(0, 999, 65535);
        assertThat(decoded.extending().raw().get(999)).isEqualTo(HEX.parseHex("ff00deadbeef80"));
    }

    @Test
    void keepsTheScaleOfDecimalsAsReported() {
        KpiValue.Decimal v = (KpiValue.Decimal) roundTrip(everyPartRecord()).kpiData().values().get("public");
        assertThat(v.value().scale()).isEqualTo(2);
        assertThat(v).hasToString("97.00");
        assertThat(v).isNotEqualTo(KpiValue.of("97"));
        KpiValue.Decimal negative = (KpiValue.Decimal) roundTrip(everyPartRecord()).kpiData().values().get("private");
        assertThat(negative.value()).isEqualTo(new BigDecimal("-0.50"));
    }

    @Test
    void roundTripsBooleanSeriesAndIpv4MappedSites() {
        UnifiedKpiRecord decoded = roundTrip(booleanRecord());
        assertThat(decoded.kpiData().values()).containsEntry("compact", KpiValue.Flag.YES)
                .containsEntry("connected", KpiValue.Flag.NO);
        assertThat(decoded.siteId().address()).hasSize(16);
    }

    @Test
    void roundTripsTheEarliestTimeAndAnEmptyQualityFlagList() {
        UnifiedKpiRecord decoded = roundTrip(usRecord());
        assertThat(decoded.time()).isEqualTo(Instant.parse("0000-01-01T00:00:00.000000001Z"));
        assertThat(decoded.extending().size()).isEqualTo(1);
        assertThat(decoded.extending().qualityFlags()).isEmpty();
    }

    @Test
    void normalizesNegativeScaleBeforeEncoding() {
        UnifiedKpiRecord r = goldenRecord();
        TreeMap<String, KpiValue> values = new TreeMap<>(Map.of("value", KpiValue.of(new BigDecimal("1E+3"))));
        UnifiedKpiRecord thousand = new UnifiedKpiRecord(r.countryRegion(), r.city(), r.siteId(), r.time(),
                new KpiData(KpiCode.parse("EC: ICT: ICT: 5C"), values, "1"), r.extending());
        KpiValue.Decimal v = (KpiValue.Decimal) roundTrip(thousand).kpiData().values().get("value");
        assertThat(v.value().scale()).isZero();
        assertThat(v.value().unscaledValue()).isEqualTo(BigInteger.valueOf(1000));
    }

    @Test
    void roundTripsTheMaximumNumbersOfSeriesAndExtensions() {
        TreeMap<String, KpiValue> values = new TreeMap<>();
        for (int i = 0; i < KpiData.MAX_SERIES; i++) {
            values.put(String.format("s%02d", i), KpiValue.of(BigDecimal.valueOf(i, 1)));
        }
        Extending ext = Extending.empty();
        for (int i = 0; i < Extending.MAX_EXTENSIONS; i++) {
            ext = ext.with(100 + i, new byte[Extending.MAX_VALUE_LENGTH]);
        }
        UnifiedKpiRecord r = goldenRecord();
        UnifiedKpiRecord big = new UnifiedKpiRecord(r.countryRegion(), r.city(), r.siteId(), r.time(),
                new KpiData(KpiCode.parse("XX: YY: ZZ: 999A"), values, "u".repeat(32)), ext);
        assertThat(UnifiedKpiRecordCodec.encode(big).length).isLessThanOrEqualTo(UnifiedKpiRecordCodec.MAX_ENCODED_LENGTH);
        roundTrip(big);
    }

    @Test
    void decodesEveryUnitKpiDataAcceptsAndRefusesLongerUnitsUpFront() {
        UnifiedKpiRecord r = goldenRecord();
        String unit = "µg/m³".repeat(4); // 20 characters, 28 UTF-8 octets
        UnifiedKpiRecord odd = new UnifiedKpiRecord(r.countryRegion(), r.city(), r.siteId(), r.time(),
                new KpiData(r.kpiData().code(), new TreeMap<>(r.kpiData().values()), unit), r.extending());
        roundTrip(odd);
        // 30 characters but 42 octets: over the limit the decoder enforces, so refused when built
        assertThatThrownBy(() -> new KpiData(r.kpiData().code(), new TreeMap<>(r.kpiData().values()),
                "µg/m³".repeat(6))).isInstanceOf(ValidationException.class).hasMessageContaining("UTF-8 octets");
    }

    // ---------------------------------------------------------------- length

    @Test
    void derivesLengthFromTheExtendingEncoding() {
        UnifiedKpiRecord empty = goldenRecord().withExtending(Extending.empty());
        assertThat(empty.length()).isEqualTo(2); // 30 00
        UnifiedKpiRecord seq = goldenRecord().withExtending(Extending.empty().withSequenceNumber(42));
        assertThat(seq.length()).isEqualTo(12); // 30 0a 30 08 02 01 01 04 03 02 01 2a
        for (UnifiedKpiRecord r : List.of(goldenRecord(), everyPartRecord(), booleanRecord(), usRecord())) {
            byte[] der = UnifiedKpiRecordCodec.encode(r);
            int lengthAt = lengthFieldOffset(der);
            long declared = new BigInteger(readIntegerContent(der, lengthAt)).longValue();
            byte[] extending = UnifiedKpiRecordCodec.encodeExtending(r.extending());
            assertThat(declared).isEqualTo(r.length()).isEqualTo(extending.length);
            int extStart = lengthAt + 2 + der[lengthAt + 1];
            assertThat(Arrays.copyOfRange(der, extStart, der.length)).isEqualTo(extending);
        }
    }

    /** Offset of the "length" INTEGER: the element before the last one of the top SEQUENCE. */
    private static int lengthFieldOffset(byte[] der) {
        DerReader r = DerReader.of(der).readSequence();
        r.readLong(0, 10, "version");
        r.readLong(0, 999, "country");
        r.readSequence();
        r.readOctetString(4, 16, "site");
        r.readGeneralizedTime("time");
        r.readSequence();
        return r.position();
    }

    private static byte[] readIntegerContent(byte[] der, int at) {
        return Arrays.copyOfRange(der, at + 2, at + 2 + der[at + 1]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, -1, 0x40})
    void rejectsATamperedLengthField(int delta) {
        byte[] der = UnifiedKpiRecordCodec.encode(goldenRecord());
        int at = lengthFieldOffset(der);
        assertThat(der[at + 1]).isEqualTo((byte) 1); // one content octet
        der[at + 2] = (byte) (der[at + 2] + delta);
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(der)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("length says")
                .satisfies(e -> assertThat(((DecodeException) e).offset()).isEqualTo(at));
    }

    // ---------------------------------------------------------------- golden vector

    @Test
    void encodesTheGoldenRecordToTheStoredVector() throws IOException {
        byte[] expected = GoldenVectors.check("unified-kpi-record-v1.hex", UnifiedKpiRecordCodec.encode(goldenRecord()));
        assertThat(UnifiedKpiRecordCodec.decode(expected)).isEqualTo(goldenRecord());
    }

    // ---------------------------------------------------------------- non-canonical and invalid inputs

    /** Writes a record field by field, so that tests can break one rule at a time. */
    private static final class RawRecord {
        int version = 1;
        long country = 578;
        int schemeId = 1;
        String cityCode = "NOTRD";
        byte[] site = {10, 0, 0, 7};
        Instant time = Instant.parse("2025-06-30T12:00:00.123Z");
        String code = "EN: EN: AQ: 1C";
        final List<Consumer<DerWriter>> series = new ArrayList<>();
        String unit = "ug/m3";
        final List<Consumer<DerWriter>> extensions = new ArrayList<>();
        int lengthDelta;
        byte[] trailer = new byte[0];

        RawRecord decimal(String key, long unscaled, long scale) {
            series.add(w -> w.sequence(s -> s.utf8String(key).sequence(d -> d.integer(unscaled).integer(scale))));
            return this;
        }

        RawRecord extension(long id, byte[] value) {
            extensions.add(w -> w.sequence(e -> e.integer(id).octetString(value)));
            return this;
        }

        static RawRecord golden() {
            return new RawRecord().decimal("pm_10", 125, 1).decimal("pm_2.5", 725, 2)
                    .extension(1, HEX.parseHex("02012a"))
                    .extension(2, new DerWriter().octetString(salt16()).toByteArray())
                    .extension(3, new DerWriter().utf8String("sensor/aq-7").toByteArray());
        }

        byte[] encode() {
            byte[] ext = new DerWriter().sequence(w -> extensions.forEach(e -> e.accept(w))).toByteArray();
            byte[] der = new DerWriter().sequence(w -> {
                w.integer(version).integer(country);
                w.sequence(c -> c.enumerated(schemeId).printableString(cityCode));
                w.octetString(site).generalizedTime(time);
                w.sequence(k -> {
                    k.utf8String(code);
                    k.sequence(vs -> series.forEach(s -> s.accept(vs)));
                    k.utf8String(unit);
                });
                w.integer(ext.length + lengthDelta).raw(ext);
            }).toByteArray();
            byte[] out = Arrays.copyOf(der, der.length + trailer.length);
            System.arraycopy(trailer, 0, out, der.length, trailer.length);
            return out;
        }
    }

    @Test
    void buildsTheSameBytesAsTheEncoderForACanonicalRecord() {
        // guards the rejection tests below: they change exactly one thing of an otherwise canonical record
        assertThat(RawRecord.golden().encode()).isEqualTo(UnifiedKpiRecordCodec.encode(goldenRecord()));
    }

    private static void assertDecodeException(RawRecord raw, String messagePart) {
        byte[] der = raw.encode();
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(der)).isInstanceOf(DecodeException.class)
                .hasMessageContaining(messagePart);
    }

    private static void assertViolation(RawRecord raw, Violation violation) {
        byte[] der = raw.encode();
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(der)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(violation));
    }

    @Test
    void rejectsSeriesOutOfOrder() {
        RawRecord raw = RawRecord.golden();
        raw.series.clear();
        raw.decimal("pm_2.5", 725, 2).decimal("pm_10", 125, 1);
        assertDecodeException(raw, "ascending order");
    }

    @Test
    void rejectsDuplicatedSeries() {
        RawRecord raw = RawRecord.golden();
        raw.series.clear();
        raw.decimal("pm_10", 125, 1).decimal("pm_10", 126, 1);
        assertDecodeException(raw, "without repeats");
    }

    @Test
    void rejectsExtensionsOutOfOrder() {
        RawRecord raw = RawRecord.golden();
        raw.extensions.clear();
        raw.extension(2, new DerWriter().octetString(salt16()).toByteArray()).extension(1, HEX.parseHex("02012a"));
        assertDecodeException(raw, "ascending id order");
    }

    @Test
    void rejectsDuplicatedExtensions() {
        RawRecord raw = RawRecord.golden();
        raw.extensions.clear();
        raw.extension(999, new byte[] {1}).extension(999, new byte[] {1});
        assertDecodeException(raw, "without repeats");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 127, 1000})
    void rejectsVersionsOtherThanOne(int version) {
        RawRecord raw = RawRecord.golden();
        raw.version = version;
        assertDecodeException(raw, "unsupported record version " + version);
    }

    @Test
    void rejectsTrailingBytes() {
        RawRecord raw = RawRecord.golden();
        raw.trailer = new byte[] {0};
        assertDecodeException(raw, "trailing");
        RawRecord twice = RawRecord.golden();
        twice.trailer = twice.encode();
        assertDecodeException(twice, "trailing");
    }

    @Test
    void rejectsLengthThatDisagreesWithExtending() {
        RawRecord raw = RawRecord.golden();
        raw.lengthDelta = 1;
        assertDecodeException(raw, "length says");
        raw.lengthDelta = -1;
        assertDecodeException(raw, "length says");
    }

    @Test
    void rejectsRecordsBeyondTheSizeLimitBeforeParsing() {
        byte[] huge = new byte[UnifiedKpiRecordCodec.MAX_ENCODED_LENGTH + 1];
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(huge)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds")
                .satisfies(e -> assertThat(((DecodeException) e).offset()).isZero());
    }

    @Test
    void rejectsEmptySeriesList() {
        RawRecord raw = RawRecord.golden();
        raw.series.clear();
        assertDecodeException(raw, "no series");
    }

    @Test
    void rejectsMoreThan32Series() {
        RawRecord raw = RawRecord.golden();
        raw.series.clear();
        for (int i = 0; i < 33; i++) {
            raw.decimal(String.format("s%02d", i), i, 0);
        }
        assertDecodeException(raw, "more than 32 series");
    }

    @Test
    void rejectsMoreThan64Extensions() {
        RawRecord raw = RawRecord.golden();
        raw.extensions.clear();
        for (int i = 0; i < 65; i++) {
            raw.extension(100 + i, new byte[0]);
        }
        assertDecodeException(raw, "more than 64 extensions");
    }

    @Test
    void rejectsScalesOutside0To18() {
        RawRecord negative = RawRecord.golden();
        negative.series.clear();
        negative.decimal("pm_10", 1, -1);
        assertDecodeException(negative, "scale");
        RawRecord big = RawRecord.golden();
        big.series.clear();
        big.decimal("pm_10", 1, 19);
        assertDecodeException(big, "scale");
    }

    @Test
    void rejectsUnscaledValuesBeyond128Bits() {
        RawRecord raw = RawRecord.golden();
        raw.series.clear();
        BigInteger huge = BigInteger.ONE.shiftLeft(128);
        raw.series.add(w -> w.sequence(s -> s.utf8String("pm_10").sequence(d -> d.integer(huge).integer(0))));
        assertDecodeException(raw, "128 bits");
    }

    @Test
    void rejectsDecimalsBeyond38Digits() {
        RawRecord raw = RawRecord.golden();
        raw.series.clear();
        BigInteger digits39 = BigInteger.TEN.pow(38);
        raw.series.add(w -> w.sequence(s -> s.utf8String("pm_10").sequence(d -> d.integer(digits39).integer(0))));
        assertViolation(raw, Violation.INVALID_FIELD);
    }

    @Test
    void rejectsNonCanonicalBooleanSeriesValues() {
        RawRecord raw = new RawRecord();
        raw.code = "EC: I: UP: 2A";
        raw.unit = "yes/no";
        raw.series.add(w -> w.sequence(s -> s.utf8String("compact").raw(HEX.parseHex("010101"))));
        assertDecodeException(raw, "BOOLEAN");
    }

    @Test
    void rejectsSeriesValueThatIsNeitherBooleanNorDecimal() {
        RawRecord raw = new RawRecord();
        raw.series.add(w -> w.sequence(s -> s.utf8String("pm_10").integer(12)));
        assertDecodeException(raw, "expected SEQUENCE");
        RawRecord extra = new RawRecord();
        extra.series.add(w -> w.sequence(s -> s.utf8String("pm_10").bool(true).bool(true)));
        assertDecodeException(extra, "trailing");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 8, 15, 17})
    void rejectsSiteIdsThatAreNotFourOrSixteenOctets(int length) {
        RawRecord raw = RawRecord.golden();
        raw.site = new byte[length];
        assertDecodeException(raw, "siteId");
    }

    @Test
    void rejectsNonCanonicalKpiCodes() {
        RawRecord raw = RawRecord.golden();
        raw.code = "EN:EN:AQ:1C";
        byte[] der = raw.encode();
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(der)).isInstanceOf(UnknownKpiCodeException.class);
    }

    @Test
    void rejectsMalformedSeriesKeys() {
        RawRecord raw = RawRecord.golden();
        raw.series.clear();
        raw.decimal("pm 10", 1, 0);
        assertViolation(raw, Violation.INVALID_FIELD);
    }

    @Test
    void rejectsUnknownCountries() {
        RawRecord raw = RawRecord.golden();
        raw.country = 999;
        assertViolation(raw, Violation.UNKNOWN_COUNTRY);
        RawRecord beyond = RawRecord.golden();
        beyond.country = 1000;
        assertDecodeException(beyond, "countryRegion");
    }

    @Test
    void rejectsUnknownCitySchemes() {
        RawRecord raw = RawRecord.golden();
        raw.schemeId = 9;
        byte[] der = raw.encode();
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(der)).isInstanceOf(UnknownCitySchemeException.class);
    }

    @Test
    void rejectsCityCodesThatDoNotBelongToTheCountry() {
        RawRecord raw = RawRecord.golden();
        raw.country = 156;
        assertViolation(raw, Violation.INVALID_CITY_CODE);
        RawRecord scheme = RawRecord.golden();
        scheme.schemeId = CityCodingScheme.CN_GBT_2260.id();
        scheme.cityCode = "330100";
        assertViolation(scheme, Violation.INVALID_CITY_CODE);
    }

    @Test
    void rejectsInvalidValuesOfRegisteredExtensions() {
        RawRecord raw = RawRecord.golden();
        raw.extensions.clear();
        raw.extension(2, new DerWriter().octetString(new byte[15]).toByteArray());
        assertViolation(raw, Violation.INVALID_EXTENSION);
    }

    @Test
    void rejectsExtensionIdsOutside0To65535() {
        RawRecord raw = RawRecord.golden();
        raw.extensions.clear();
        raw.extension(65536, new byte[0]);
        assertDecodeException(raw, "extnId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "3000", "300100", "0500", "3080020101020101 0000"})
    void rejectsStructurallyBrokenInput(String hex) {
        byte[] der = HEX.parseHex(hex.replace(" ", ""));
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(der)).isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsEveryTruncationOfAValidRecord() {
        byte[] der = UnifiedKpiRecordCodec.encode(goldenRecord());
        for (int n = 0; n < der.length; n++) {
            byte[] cut = Arrays.copyOf(der, n);
            assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(cut)).as("first %d octets", n)
                    .isInstanceOf(DecodeException.class);
        }
    }

    // ---------------------------------------------------------------- construction rules

    @Test
    void refusesToBuildRecordsWithInvalidParts() {
        UnifiedKpiRecord g = goldenRecord();
        assertThatThrownBy(() -> new UnifiedKpiRecord(CountryRegion.of(156), g.city(), g.siteId(), g.time(), g.kpiData(),
                g.extending())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new UnifiedKpiRecord(g.countryRegion(), new City(CityCodingScheme.UN_LOCODE, ""),
                g.siteId(), g.time(), g.kpiData(), g.extending())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new UnifiedKpiRecord(g.countryRegion(), g.city(), g.siteId(),
                Instant.parse("+10000-01-01T00:00:00Z"), g.kpiData(), g.extending()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new UnifiedKpiRecord(g.countryRegion(), g.city(), g.siteId(),
                Instant.parse("-0001-12-31T23:59:59.999999999Z"), g.kpiData(), g.extending()))
                .isInstanceOf(ValidationException.class);
    }
}
