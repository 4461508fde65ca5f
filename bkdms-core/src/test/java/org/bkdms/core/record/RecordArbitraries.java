package org.bkdms.core.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.kpi.KpiValue;

/** jqwik generators of valid unified KPI records, shared by the property tests. */
public final class RecordArbitraries {
    private static final String SERIES_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
    private static final String LOCODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789";
    private static final List<Integer> COUNTRIES = List.of(578, 156, 840, 8, 826, 250, 276, 392, 36, 76, 752, 894);
    private static final List<String> CN_PROVINCES = List.of("11", "12", "31", "33", "44", "50", "65", "71", "81", "82");
    private static final List<String> NO_COUNTIES = List.of("03", "11", "15", "18", "30", "34", "42", "46", "50", "54",
            "55", "56");
    private static final List<String> US_STATES = List.of("01", "06", "17", "36", "48", "72", "78");
    private static final BigInteger MAX_UNSCALED = BigInteger.TEN.pow(KpiValue.Decimal.MAX_PRECISION).subtract(BigInteger.ONE);
    private static final long EPOCH_2100 = Instant.parse("2100-12-31T23:59:59Z").getEpochSecond();

    private RecordArbitraries() {
    }

    /** A country with a city code valid for it, in one of the four schemes. */
    record Place(CountryRegion country, City city) {
    }

    static Arbitrary<Place> places() {
        Arbitrary<Place> locode = Combinators.combine(Arbitraries.of(COUNTRIES),
                Arbitraries.strings().withChars(LOCODE_CHARS).ofLength(3)).as((n, tail) -> {
                    CountryRegion c = CountryRegion.of(n);
                    return new Place(c, new City(CityCodingScheme.UN_LOCODE, c.alpha2() + tail));
                });
        Arbitrary<Place> china = Combinators.combine(Arbitraries.of(CN_PROVINCES),
                Arbitraries.strings().numeric().ofLength(4)).as((p, rest) ->
                        new Place(CountryRegion.of(156), new City(CityCodingScheme.CN_GBT_2260, p + rest)));
        Arbitrary<Place> norway = Combinators.combine(Arbitraries.of(NO_COUNTIES),
                Arbitraries.strings().numeric().ofLength(2).filter(s -> !s.equals("00"))).as((c, m) ->
                        new Place(CountryRegion.of(578), new City(CityCodingScheme.NO_KOMMUNENUMMER, c + m)));
        Arbitrary<Place> us = Combinators.combine(Arbitraries.of(US_STATES),
                Arbitraries.strings().numeric().ofLength(5)).as((s, p) ->
                        new Place(CountryRegion.of(840), new City(CityCodingScheme.US_FIPS_55, s + p)));
        return Arbitraries.oneOf(locode, china, norway, us);
    }

    static Arbitrary<SiteId> sites() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(SiteId::of);
    }

    static Arbitrary<Instant> instants() {
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999)
                .map(ms -> ms * 1_000_000), Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(Arbitraries.longs().between(0, EPOCH_2100), nanos).as(Instant::ofEpochSecond);
    }

    static Arbitrary<KpiValue> values() {
        Arbitrary<KpiValue> decimals = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.longs().map(BigInteger::valueOf),
                        Arbitraries.bigIntegers().between(MAX_UNSCALED.negate(), MAX_UNSCALED)),
                Arbitraries.integers().between(0, KpiValue.Decimal.MAX_SCALE))
                .as((unscaled, scale) -> KpiValue.of(new BigDecimal(unscaled, scale)));
        Arbitrary<KpiValue> flags = Arbitraries.of(true, false).map(KpiValue::of);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, decimals), net.jqwik.api.Tuple.of(1, flags));
    }

    static Arbitrary<KpiCode> codes() {
        Arbitrary<String> letters = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(4);
        Arbitrary<KpiCode> random = Combinators.combine(letters, letters, letters, Arbitraries.integers().between(0, 999),
                Arbitraries.of("C", "A")).as((d, s, c, n, t) -> new KpiCode(d + ": " + s + ": " + c + ": " + n + t));
        Arbitrary<KpiCode> known = Arbitraries.of("EC: ICT: ICT: 1C", "EN: EN: AQ: 1C", "EC: I: UP: 2A", "SC: SH: SA: 3A",
                "EN: EN: PSN: 4A").map(KpiCode::parse);
        return Arbitraries.oneOf(known, random);
    }

    static Arbitrary<String> units() {
        return Arbitraries.oneOf(Arbitraries.of(KpiUnit.values()).map(KpiUnit::code),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(KpiData.MAX_UNIT_LENGTH));
    }

    static Arbitrary<KpiData> kpiData() {
        Arbitrary<String> keys = Arbitraries.strings().withChars(SERIES_CHARS).ofMinLength(1).ofMaxLength(32);
        Arbitrary<Map<String, KpiValue>> series = Arbitraries.maps(keys, values()).ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(codes(), series, units())
                .as((code, values, unit) -> new KpiData(code, new TreeMap<>(values), unit));
    }

    static Arbitrary<Extending> extending() {
        Arbitrary<Long> seq = Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(0L, 127L, 128L, 255L, 256L, Long.MAX_VALUE));
        Arbitrary<byte[]> salt = Arbitraries.bytes().array(byte[].class).ofMinSize(Extending.MIN_SALT)
                .ofMaxSize(Extending.MAX_SALT);
        Arbitrary<String> source = Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMinLength(1).ofMaxLength(60);
        Arbitrary<Set<QualityFlag>> flags = Arbitraries.subsetOf(QualityFlag.values());
        Arbitrary<Map<Integer, byte[]>> unknown = Arbitraries.maps(
                Arbitraries.oneOf(Arbitraries.integers().between(5, 65535), Arbitraries.of(0, 999, 65535)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).ofMaxSize(3);
        return Combinators.combine(seq.injectNull(0.3), salt.injectNull(0.3), source.injectNull(0.4),
                flags.injectNull(0.5), unknown).as((s, sa, so, f, u) -> {
                    Extending e = Extending.ofRaw(u);
                    if (s != null) {
                        e = e.withSequenceNumber(s);
                    }
                    if (sa != null) {
                        e = e.withSalt(sa);
                    }
                    if (so != null) {
                        e = e.withSourceReference(so);
                    }
                    if (f != null) {
                        e = e.withQualityFlags(f.isEmpty() ? EnumSet.noneOf(QualityFlag.class) : EnumSet.copyOf(f));
                    }
                    return e;
                });
    }

    /** @return valid unified KPI records */
    public static Arbitrary<UnifiedKpiRecord> records() {
        return Combinators.combine(places(), sites(), instants(), kpiData(), extending())
                .as((p, site, time, data, ext) -> new UnifiedKpiRecord(p.country(), p.city(), site, time, data, ext));
    }

    /** A change to an encoding: replace, insert or delete one octet, or truncate. */
    public record Mutation(int kind, int position, byte value) {
        /**
         * @param in the encoding
         * @return a changed copy
         */
        public byte[] apply(byte[] in) {
            List<Byte> out = new ArrayList<>(in.length + 1);
            for (byte b : in) {
                out.add(b);
            }
            switch (kind) {
                case 0 -> {
                    if (!out.isEmpty()) {
                        int i = position % out.size();
                        out.set(i, (byte) (out.get(i) == value ? value + 1 : value));
                    }
                }
                case 1 -> out.add(position % (out.size() + 1), value);
                case 2 -> {
                    if (!out.isEmpty()) {
                        out.remove(position % out.size());
                    }
                }
                default -> {
                    while (out.size() > position % (in.length + 1)) {
                        out.remove(out.size() - 1);
                    }
                }
            }
            byte[] b = new byte[out.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = out.get(i);
            }
            return b;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case 0 -> "replace@" + position + "=" + value;
                case 1 -> "insert@" + position + "=" + value;
                case 2 -> "delete@" + position;
                default -> "truncate@" + position;
            };
        }
    }

    /** @return one to three mutations, mostly single-octet replacements */
    public static Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 0),
                net.jqwik.api.Tuple.of(2, 1), net.jqwik.api.Tuple.of(2, 2), net.jqwik.api.Tuple.of(1, 3)),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes()).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }
}
