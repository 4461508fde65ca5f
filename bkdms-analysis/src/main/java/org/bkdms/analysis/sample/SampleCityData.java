package org.bkdms.analysis.sample;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.Period;
import org.bkdms.analysis.TimeWindow;

/**
 * A realistic, deterministic sample of KPI data: two cities (Trondheim, Norway, and Valencia,
 * Spain), five sites, 24 U4SSC KPIs, two years (2024 and 2025), with drifts, seasonal patterns and
 * noise inside the catalogue's ranges, and a few deliberate faults that a quality analysis must find
 * (listed in {@link #faults()}).
 *
 * <p>Sites: in each city one or two air-quality stations that report {@code EN: EN: AQ: 1C} daily
 * and one municipal data hub that reports the other 23 KPIs monthly. Every site has a collection
 * policy. Observation time is the start of the reporting slot, collection time one hour after the
 * slot ends, block time minutes later (except for the late records); block heights grow with block
 * time (one block per ten minutes).
 *
 * <p>The same seed always gives the same data on every JDK: only {@link SplittableRandom} and
 * {@link StrictMath} are used.
 */
public final class SampleCityData {
    /** The seed of the data set the tests and the demo use. */
    public static final long DEFAULT_SEED = 4907;
    /** The span the data covers. */
    public static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"));
    /** Header of the CSV files {@link #writeCsv(Path)} writes. */
    public static final String CSV_HEADER = "site,kpi_code,series,time,value,unit";

    private static final long DAY = 86_400;
    private static final long MONTH = 30 * DAY;

    /**
     * A sampling site of the sample.
     *
     * @param siteId its address literal
     * @param country ISO 3166-1 numeric country
     * @param city the city as {@code scheme:code}
     * @param role what it reports ({@code air} or {@code hub})
     */
    public record Site(String siteId, String country, String city, String role) {
    }

    /**
     * A fault deliberately put into the data.
     *
     * @param kind gap, outage, late, duplicate, conflict, outlier or invalid
     * @param siteId the site
     * @param kpiCode the KPI, or {@code *} for every KPI of the site
     * @param when the slot or span concerned
     * @param detail what exactly was done
     */
    public record Fault(String kind, String siteId, String kpiCode, String when, String detail) {
    }

    /** Trondheim air-quality station 1. */
    public static final Site TRD_AIR_1 = new Site("10.20.0.1", "578", "UNLOCODE:NOTRD", "air");
    /** Trondheim municipal data hub. */
    public static final Site TRD_HUB = new Site("10.20.0.2", "578", "UNLOCODE:NOTRD", "hub");
    /** Trondheim air-quality station 2. */
    public static final Site TRD_AIR_2 = new Site("10.20.0.3", "578", "UNLOCODE:NOTRD", "air");
    /** Valencia air-quality station. */
    public static final Site VLC_AIR = new Site("10.30.0.1", "724", "UNLOCODE:ESVLC", "air");
    /** Valencia municipal data hub. */
    public static final Site VLC_HUB = new Site("10.30.0.2", "724", "UNLOCODE:ESVLC", "hub");
    /** All sites. */
    public static final List<Site> SITES = List.of(TRD_AIR_1, TRD_HUB, TRD_AIR_2, VLC_AIR, VLC_HUB);

    /** The air-quality KPI. */
    public static final String AIR = "EN: EN: AQ: 1C";

    /**
     * How one series is generated: level in each city at the start, change per year, seasonal
     * amplitude (peak in the given month), noise, decimals.
     */
    private record Gen(String series, double trd, double vlc, double drift, double season, int peakMonth,
            double noise, int decimals) {
    }

    private record Kpi(String code, String unit, List<Gen> series, boolean shares) {
    }

    private static Kpi kpi(String code, String unit, Gen... series) {
        return new Kpi(code, unit, List.of(series), false);
    }

    private static Kpi shares(String code, Gen... series) {
        return new Kpi(code, "%", List.of(series), true);
    }

    private static Gen g(String series, double trd, double vlc, double drift, double season, int peak, double noise,
            int decimals) {
        return new Gen(series, trd, vlc, drift, season, peak, noise, decimals);
    }

    private static final Kpi AIR_KPI = kpi(AIR, "ug/m3",
            g("no2", 24, 31, -1.2, 7, 1, 4, 1), g("o3", 52, 68, 0.3, 16, 7, 6, 1), g("pm_10", 17, 24, -0.8, 5, 2, 3.5, 1),
            g("pm_2.5", 8.5, 12.5, -0.5, 3, 1, 1.8, 1), g("so2", 2.2, 3.4, -0.1, 0.6, 1, 0.5, 1));

    /** The 23 KPIs a hub reports monthly, with plausible levels for the two cities. */
    private static final List<Kpi> HUB_KPIS = List.of(
            kpi("EC: ICT: ICT: 1C", "%", g("value", 95.1, 88.4, 0.6, 0, 1, 0.3, 1)),
            kpi("EC: ICT: ICT: 2C", "%", g("value", 84.0, 71.5, 1.1, 0, 1, 0.4, 1)),
            kpi("EC: ICT: ICT: 5C", "1", g("value", 410, 650, 35, 0, 1, 3, 0)),
            kpi("EC: ICT: WS: 1C", "%", g("value", 62, 38, 6.5, 0, 1, 0.5, 1)),
            kpi("EC: ICT: ES: 1C", "%", g("value", 99.2, 93.0, 0.3, 0, 1, 0.2, 1)),
            kpi("EC: ICT: T: 1C", "%", g("value", 78, 64, 2.0, 0, 1, 0.8, 1)),
            kpi("EC: P: EM: 1C", "%", g("value", 3.6, 12.8, -0.3, 0.5, 2, 0.2, 1)),
            kpi("EC: P: EM: 2C", "%", g("value", 9.5, 27.0, -0.8, 2.0, 2, 0.6, 1)),
            kpi("EC: I: WS: 3C", "%", g("value", 28, 19, -1.5, 1.0, 8, 0.6, 1)),
            kpi("EC: I: ES: 2C", "min", g("value", 55, 70, -4, 20, 1, 8, 0)),
            shares("EC: I: T: 4A", g("cycling", 8, 5, 0.4, 4, 7, 0.5, 1), g("para", 1, 1.5, 0, 0, 1, 0.1, 1),
                    g("private", 46, 42, -1.5, 2, 1, 1, 1), g("public", 25, 26, 0.8, 1.5, 1, 0.7, 1),
                    g("walking", 20, 25.5, 0.3, 2, 6, 0.6, 1)),
            kpi("EN: EN: AQ: 2C", "t CO2e/capita/a", g("value", 4.4, 5.1, -0.25, 0.3, 1, 0.05, 2)),
            kpi("EN: EN: WS: 2C", "L/capita/d", g("value", 165, 128, -2, 12, 7, 3, 0)),
            shares("EN: EN: WA: 1C", g("burnt", 0.5, 1.5, 0, 0, 1, 0.1, 1), g("incinerated", 48, 14, -0.5, 0, 1, 0.8, 1),
                    g("landfill", 8, 44, -2.5, 0, 1, 0.8, 1), g("open_dump", 0.1, 0.5, 0, 0, 1, 0.05, 1),
                    g("other", 3, 5, 0, 0, 1, 0.3, 1), g("recycled", 40.4, 35, 3, 0, 1, 0.8, 1)),
            kpi("EN: EN: EQ: 2A", "%", g("value", 14, 26, -0.4, 1.5, 7, 0.4, 1)),
            kpi("EN: E: E: 1C", "%", g("value", 66, 34, 1.2, 6, 5, 1.2, 1)),
            kpi("EN: E: E: 2C", "kWh/capita/a", g("value", 23_500, 4_300, -250, 4_000, 1, 300, 0)),
            kpi("SC: EH: ED: 2C", "%", g("value", 98.6, 96.0, 0.1, 0, 1, 0.2, 1)),
            kpi("SC: EH: H: 1C", "a", g("value", 83.2, 83.0, 0.12, 0, 1, 0.05, 2)),
            kpi("SC: SH: SA: 3A", "yes/no", g("value", 1, 0, 0, 0, 1, 0, 0)),
            kpi("SC: SH: SA: 5A", "min", g("value", 11.5, 9.0, -0.3, 1.2, 1, 0.6, 1)),
            kpi("SC: SH: SA: 8C", "/100k inh", g("value", 130, 210, -4, 15, 7, 6, 1)),
            kpi("SC: SH: SA: 9C", "/100k inh", g("value", 2.1, 4.0, -0.15, 0.6, 7, 0.25, 2)));

    private final long seed;
    private final List<Observation> observations;
    private final List<CollectionPolicy> policies;
    private final List<Fault> faults;

    private SampleCityData(long seed, List<Observation> observations, List<CollectionPolicy> policies,
            List<Fault> faults) {
        this.seed = seed;
        this.observations = List.copyOf(observations);
        this.policies = List.copyOf(policies);
        this.faults = List.copyOf(faults);
    }

    /** @return the data set of {@link #DEFAULT_SEED} */
    public static SampleCityData standard() {
        return generate(DEFAULT_SEED);
    }

    /**
     * @param seed the seed; the same seed gives the same data
     * @return the data set
     */
    public static SampleCityData generate(long seed) {
        return new Generator(seed).run();
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return every observation, sorted by site, observation time, KPI and series */
    public List<Observation> observations() {
        return observations;
    }

    /** @return one collection policy per site, in force since the start of the window */
    public List<CollectionPolicy> policies() {
        return policies;
    }

    /** @return the deliberate faults */
    public List<Fault> faults() {
        return faults;
    }

    /** @return the codes of all 24 KPIs in the sample */
    public static List<String> kpiCodes() {
        List<String> out = new ArrayList<>();
        out.add(AIR);
        HUB_KPIS.forEach(k -> out.add(k.code()));
        return out.stream().sorted().toList();
    }

    /**
     * Writes one CSV file per site, named {@code <site id>.csv}, with the columns of
     * {@link #CSV_HEADER}: site, KPI code, series, observation time (ISO 8601 UTC), value, unit, one
     * row per observation in the order they were sent (duplicates included).
     *
     * @param dir the directory, created if missing
     * @return the files written, in site order
     * @throws IOException if writing fails
     */
    public List<Path> writeCsv(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<Observation>> bySite = new LinkedHashMap<>();
        SITES.forEach(s -> bySite.put(s.siteId(), new ArrayList<>()));
        observations.stream().sorted(Comparator.comparing(Observation::siteId)
                        .thenComparing(o -> o.siteSequence() == null ? 0L : o.siteSequence())
                        .thenComparing(Observation::series))
                .forEach(o -> bySite.get(o.siteId()).add(o));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, List<Observation>> e : bySite.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(CSV_HEADER);
                w.write('\n');
                for (Observation o : e.getValue()) {
                    w.write(o.siteId() + "," + o.kpiCode() + "," + o.series() + "," + o.observationTime() + ","
                            + o.value().toPlainString() + "," + o.unit() + "\n");
                }
            }
            files.add(file);
        }
        return files;
    }

    /** The generation itself, one instance per call so that no state is shared. */
    private static final class Generator {
        private final long seed;
        private final SplittableRandom random;
        private final List<Observation> out = new ArrayList<>();
        private final List<Fault> faults = new ArrayList<>();
        private final Map<String, long[]> sequence = new LinkedHashMap<>();

        Generator(long seed) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
        }

        SampleCityData run() {
            List<CollectionPolicy> policies = new ArrayList<>();
            for (Site site : SITES) {
                sequence.put(site.siteId(), new long[] {0});
                boolean air = site.role().equals("air");
                List<String> codes = air ? List.of(AIR) : HUB_KPIS.stream().map(Kpi::code).toList();
                policies.add(new CollectionPolicy(site.siteId(), codes, air ? DAY : MONTH, null));
                Granularity g = air ? Granularity.DAY : Granularity.MONTH;
                for (Period p : Period.covering(g, WINDOW)) {
                    if (air) {
                        emitSlot(site, AIR_KPI, p);
                    } else {
                        for (Kpi k : HUB_KPIS) {
                            emitSlot(site, k, p);
                        }
                    }
                }
            }
            faults.add(new Fault("gap", TRD_HUB.siteId(), "*", "2024-07",
                    "all 23 records of July 2024 lost after numbering: 23 missing sequence numbers"));
            faults.add(new Fault("outage", VLC_AIR.siteId(), AIR, "2025-02-10..2025-02-14",
                    "station down for five days: no records, no sequence numbers used"));
            faults.add(new Fault("late", VLC_HUB.siteId(), "*", "2025-05", "records reached the chain 45 days late"));
            out.sort(Comparator.comparing(Observation::siteId).thenComparing(Observation::observationTime)
                    .thenComparing(Observation::kpiCode).thenComparing(Observation::series)
                    .thenComparingLong(Observation::blockHeight));
            return new SampleCityData(seed, out, policies, faults);
        }

        private void emitSlot(Site site, Kpi kpi, Period p) {
            String month = p.label().substring(0, 7);
            if (site == TRD_HUB && month.equals("2024-07")) {
                sequence.get(site.siteId())[0]++; // numbered, then lost
                return;
            }
            if (site == VLC_AIR && p.label().compareTo("2025-02-10") >= 0 && p.label().compareTo("2025-02-14") <= 0) {
                return;
            }
            Map<String, BigDecimal> values = values(site, kpi, p);
            Instant collected = p.end().plusSeconds(3600);
            Instant block = collected.plusSeconds(60L * (1 + random.nextInt(30)));
            if (site == VLC_HUB && month.equals("2025-05")) {
                block = block.plusSeconds(45 * DAY);
            }
            long seq = ++sequence.get(site.siteId())[0];
            emit(site, kpi, p, values, collected, block, seq);

            if (site == TRD_AIR_1 && p.label().equals("2025-01-15")) {
                long again = ++sequence.get(site.siteId())[0];
                emit(site, kpi, p, values, collected, block.plusSeconds(3 * 3600), again);
                faults.add(new Fault("duplicate", site.siteId(), kpi.code(), p.label(),
                        "record sent twice with equal values (sequence numbers " + seq + " and " + again + ")"));
            }
            if (site == VLC_HUB && kpi.code().equals("EN: EN: WS: 2C") && month.equals("2025-08")) {
                long again = ++sequence.get(site.siteId())[0];
                Map<String, BigDecimal> corrected = Map.of("value", values.get("value").add(BigDecimal.valueOf(9)));
                emit(site, kpi, p, corrected, collected, block.plusSeconds(2 * DAY), again);
                faults.add(new Fault("conflict", site.siteId(), kpi.code(), month,
                        "value corrected two days later: " + values.get("value") + " then " + corrected.get("value")));
            }
        }

        private Map<String, BigDecimal> values(Site site, Kpi kpi, Period p) {
            boolean trd = site.city().endsWith("NOTRD");
            LocalDate day = LocalDate.ofInstant(p.start(), ZoneOffset.UTC);
            double years = (p.start().getEpochSecond() - WINDOW.from().getEpochSecond()) / (365.2425 * DAY);
            // station 2 of Trondheim sits by a busier road
            double siteFactor = site == TRD_AIR_2 ? 1.25 : 1.0;
            Map<String, Double> raw = new LinkedHashMap<>();
            for (Gen gen : kpi.series()) {
                double base = trd ? gen.trd() : gen.vlc();
                double phase = 2 * StrictMath.PI * (day.getDayOfYear() - (gen.peakMonth() - 1) * 30.4 - 15) / 365.2425;
                double v = base * siteFactor + gen.drift() * years + gen.season() * StrictMath.cos(phase)
                        + gen.noise() * gaussian();
                if (kpi.code().equals("SC: SH: SA: 3A")) {
                    // Valencia adopts its resilience plan in March 2025
                    v = trd || !p.start().isBefore(Instant.parse("2025-03-01T00:00:00Z")) ? 1 : 0;
                }
                raw.put(gen.series(), Math.max(v, gen.noise() > 0 ? gen.noise() / 10 : 0));
            }
            if (kpi.shares()) {
                double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
                raw.replaceAll((k, v) -> v * 100 / sum);
            }
            Map<String, BigDecimal> out = new LinkedHashMap<>();
            for (Gen gen : kpi.series()) {
                double v = raw.get(gen.series());
                if (kpi.unit().equals("%")) {
                    v = Math.min(100, v);
                }
                out.put(gen.series(), BigDecimal.valueOf(v).setScale(gen.decimals(), RoundingMode.HALF_EVEN));
            }
            if (site == TRD_AIR_2 && p.label().equals("2025-11-20")) {
                out.put("pm_10", new BigDecimal("480.0"));
                faults.add(new Fault("outlier", site.siteId(), AIR, p.label(), "pm_10 = 480.0 ug/m3 (sensor fault)"));
            }
            if (site == VLC_HUB && kpi.code().equals("EC: ICT: ICT: 1C") && p.label().equals("2025-10")) {
                out.put("value", new BigDecimal("101.5"));
                faults.add(new Fault("invalid", site.siteId(), kpi.code(), "2025-10", "value 101.5 % out of range"));
            }
            return out;
        }

        private void emit(Site site, Kpi kpi, Period p, Map<String, BigDecimal> values, Instant collected, Instant block,
                long seq) {
            long height = (block.getEpochSecond() - WINDOW.from().getEpochSecond()) / 600 + 1;
            for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
                out.add(new Observation(site.siteId(), site.country(), site.city(), kpi.code(), e.getKey(), e.getValue(),
                        kpi.unit(), p.start(), collected, height, block, seq,
                        "sample:" + site.siteId() + ":" + seq));
            }
        }

        /** Box-Muller with StrictMath, so the stream is the same on every JDK. */
        private double gaussian() {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
        }
    }

    @Override
    public String toString() {
        return "SampleCityData[seed=" + seed + ", observations=" + observations.size() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleCityData s && s.seed == seed && s.observations.equals(observations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, observations.size());
    }
}
