package org.bkdms.app.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generator of the demo's sample data in {@code samples/demo/}: two cities (Trondheim, Norway,
 * and Valencia, Spain), five sampling sites, 24 U4SSC KPIs, the year 2025. Each site gets a folder
 * with its KPI mapping and an {@code inbox/} of CSV files as a city department would export them:
 * daily air-quality readings from a monitoring station, a statistics office's monthly export in
 * long form (one row per KPI), a travel survey and a waste report in wide form (one column per data
 * series), and a utility's monthly figures. {@code demo.yaml} lists the sites, their collection
 * policies and their files for {@code bkdms demo}.
 *
 * <p>Values follow a level per city, a yearly drift, a seasonal swing and Gaussian noise, kept
 * inside the catalogue's ranges; the seed fixes them, and only {@link SplittableRandom} and
 * {@link StrictMath} are used so that every JDK writes the same bytes. Regenerate with
 * {@code mvn -B -o -q -pl bkdms-app -am test -Dtest=DemoSamplesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbkdms.samples.write=true}; {@code DemoSamplesTest} otherwise checks that the committed files
 * equal this output.
 */
public final class DemoSamples {
    /** The seed of the committed data. */
    public static final long SEED = 49072025L;

    /** The Trondheim statistics office's 23 KPIs minus those Valencia's utility reports there. */
    private static final List<String> UTILITY_KPIS = List.of("EN: EN: WS: 2C", "EN: E: E: 1C", "EN: E: E: 2C",
            "EC: I: WS: 3C");

    /** Readable city names for the dashboard, by UN/LOCODE. */
    private static final Map<String, String> CITY_NAMES = Map.of("NOTRD", "Trondheim", "ESVLC", "Valencia");

    /** Where each site stands (latitude, longitude), for the dashboard's map: near the real places they are named after. */
    private static final Map<String, double[]> LOCATIONS = Map.of(
            "10.20.0.1", new double[] {63.4275, 10.3950},
            "10.20.0.2", new double[] {63.4305, 10.3951},
            "10.30.0.1", new double[] {39.4580, -0.3767},
            "10.30.0.2", new double[] {39.4697, -0.3763},
            "10.30.0.3", new double[] {39.4631, -0.3559});

    private record Gen(String kpi, String unit, double trd, double vlc, double drift, double season, int peakMonth,
            double noise, int decimals, double min, double max) {
    }

    private static Gen g(String kpi, String unit, double trd, double vlc, double drift, double season, int peak,
            double noise, int decimals) {
        double max = unit.equals("%") ? 100 : Double.MAX_VALUE;
        return new Gen(kpi, unit, trd, vlc, drift, season, peak, noise, decimals, 0, max);
    }

    /** Single-series KPIs of the monthly exports: levels for Trondheim and Valencia. */
    private static final List<Gen> MONTHLY = List.of(
            g("EC: ICT: ICT: 1C", "%", 96.1, 89.0, 0.6, 0, 1, 0.3, 1),
            g("EC: ICT: ICT: 2C", "%", 85.2, 72.6, 1.1, 0, 1, 0.4, 1),
            g("EC: ICT: ICT: 5C", "1", 455, 720, 35, 0, 1, 3, 0),
            g("EC: ICT: WS: 1C", "%", 68, 44, 6.5, 0, 1, 0.5, 1),
            g("EC: ICT: ES: 1C", "%", 99.4, 93.4, 0.3, 0, 1, 0.2, 1),
            g("EC: ICT: T: 1C", "%", 80, 66, 2.0, 0, 1, 0.8, 1),
            g("EC: P: EM: 1C", "%", 3.4, 12.5, -0.3, 0.5, 2, 0.2, 1),
            g("EC: P: EM: 2C", "%", 8.9, 26.2, -0.8, 2.0, 2, 0.6, 1),
            g("EC: I: WS: 3C", "%", 26.5, 18.0, -1.5, 1.0, 8, 0.6, 1),
            g("EC: I: ES: 2C", "min", 51, 66, -4, 20, 1, 8, 0),
            g("EN: EN: AQ: 2C", "t CO2e/capita/a", 4.15, 4.85, -0.25, 0.3, 1, 0.05, 2),
            g("EN: EN: WS: 2C", "L/capita/d", 163, 126, -2, 12, 7, 3, 0),
            g("EN: EN: EQ: 2A", "%", 13.6, 25.6, -0.4, 1.5, 7, 0.4, 1),
            g("EN: E: E: 1C", "%", 67.2, 35.2, 1.2, 6, 5, 1.2, 1),
            g("EN: E: E: 2C", "kWh/capita/a", 23_250, 4_050, -250, 4_000, 1, 300, 0),
            g("SC: EH: ED: 2C", "%", 98.7, 96.1, 0.1, 0, 1, 0.2, 1),
            g("SC: EH: H: 1C", "a", 83.3, 83.1, 0.12, 0, 1, 0.05, 2),
            g("SC: SH: SA: 5A", "min", 11.2, 8.7, -0.3, 1.2, 1, 0.6, 1),
            g("SC: SH: SA: 8C", "/100k inh", 126, 206, -4, 15, 7, 6, 1),
            g("SC: SH: SA: 9C", "/100k inh", 1.95, 3.85, -0.15, 0.6, 7, 0.25, 2));

    /** Transportation mode share, a travel survey: public, private, cycling, walking, para. */
    private static final List<Gen> MODE_SHARE = List.of(
            g("public", "%", 25.8, 26.8, 0.8, 1.5, 1, 0.7, 1), g("private", "%", 44.5, 40.5, -1.5, 2, 1, 1, 1),
            g("cycling", "%", 8.4, 5.4, 0.4, 4, 7, 0.5, 1), g("walking", "%", 20.3, 25.8, 0.3, 2, 6, 0.6, 1),
            g("para", "%", 1, 1.5, 0, 0, 1, 0.1, 1));

    /** Solid waste treatment, a waste report: landfill, burnt, incinerated, open_dump, recycled, other. */
    private static final List<Gen> WASTE = List.of(
            g("landfill", "%", 5.5, 41.5, -2.5, 0, 1, 0.8, 1), g("burnt", "%", 0.5, 1.5, 0, 0, 1, 0.1, 1),
            g("incinerated", "%", 47.5, 13.5, -0.5, 0, 1, 0.8, 1), g("open_dump", "%", 0.1, 0.5, 0, 0, 1, 0.05, 1),
            g("recycled", "%", 43.4, 38.0, 3, 0, 1, 0.8, 1), g("other", "%", 3, 5, 0, 0, 1, 0.3, 1));

    /** Daily means at an air-quality station (ug/m3): pm10, pm25, no2, o3, so2. */
    private static final List<Gen> AIR = List.of(
            g("pm10", "ug/m3", 16, 23, -0.8, 6, 3, 4, 1), g("pm25", "ug/m3", 8.0, 12.0, -0.5, 3, 1, 2, 1),
            g("no2", "ug/m3", 22, 30, -1.2, 8, 1, 5, 1), g("o3", "ug/m3", 50, 67, 0.3, 16, 7, 7, 1),
            g("so2", "ug/m3", 2.1, 3.3, -0.1, 0.6, 1, 0.5, 1));

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final Map<String, String> files = new LinkedHashMap<>();

    private DemoSamples() {
    }

    /**
     * @return every file of the sample, by path relative to {@code samples/demo/}, in a fixed order
     */
    public static Map<String, String> generate() {
        return new DemoSamples().run();
    }

    /**
     * Writes the sample.
     *
     * @param args the directory to write into (default {@code samples/demo})
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "samples/demo"));
    }

    /**
     * @param dir the directory to write the sample into
     * @throws IOException if a file cannot be written
     */
    public static void write(Path dir) throws IOException {
        for (Map.Entry<String, String> e : generate().entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    private Map<String, String> run() {
        StringBuilder demo = new StringBuilder();
        demo.append("# The sites of bkdms demo: identity, collection policy (published on chain by the platform) and the\n")
                .append("# files each one collects. Generated by DemoSamples (bkdms-app tests); do not edit by hand.\n")
                .append("sites:\n");
        air(demo, "trondheim-air", "10.20.0.1", "Trondheim air quality station Elgeseter", "578", "NOTRD", true);
        hub(demo, "trondheim-statistics", "10.20.0.2", "Trondheim municipality statistics office", "578", "NOTRD",
                true);
        air(demo, "valencia-air", "10.30.0.1", "Valencia air quality station Pista de Silla", "724", "ESVLC", false);
        hub(demo, "valencia-statistics", "10.30.0.2", "Valencia city council statistics office", "724", "ESVLC",
                false);
        utility(demo, "valencia-utility", "10.30.0.3", "Valencia water and energy utility", "724", "ESVLC");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("demo.yaml", demo.toString());
        out.putAll(files);
        return out;
    }

    private static void site(StringBuilder demo, String dir, String id, String name, String country, String city,
            long periodSeconds, List<String> kpis, List<String> inbox) {
        demo.append("  - dir: ").append(dir).append('\n')
                .append("    siteId: ").append(id).append('\n')
                .append("    name: \"").append(name).append("\"\n")
                .append("    countryRegion: \"").append(country).append("\"\n")
                .append("    city: { scheme: UNLOCODE, code: ").append(city).append(", name: ").append(CITY_NAMES.get(city))
                .append(" }\n")
                .append("    location: { latitude: ").append(LOCATIONS.get(id)[0]).append(", longitude: ")
                .append(LOCATIONS.get(id)[1]).append(" }\n")
                .append("    policy:\n")
                .append("      periodSeconds: ").append(periodSeconds).append('\n')
                .append("      kpis:\n");
        kpis.forEach(k -> demo.append("        - \"").append(k).append("\"\n"));
        demo.append("    files:\n");
        inbox.forEach(f -> demo.append("      - ").append(f).append('\n'));
    }

    private void air(StringBuilder demo, String dir, String id, String name, String country, String city, boolean trd) {
        String station = trd ? "elgeseter" : "pista-de-silla";
        StringBuilder csv = new StringBuilder("time,station,pm10,pm25,no2,o3,so2\n");
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() == 2025; d = d.plusDays(1)) {
            double t = (d.getDayOfYear() - 1) / 365.0;
            csv.append(d).append(',').append(station);
            // a winter episode of road dust (studded tyres) in Trondheim, a Saharan dust intrusion in Valencia
            boolean episode = trd ? d.getMonthValue() == 3 && d.getDayOfMonth() >= 10 && d.getDayOfMonth() <= 16
                    : d.getMonthValue() == 6 && d.getDayOfMonth() >= 20 && d.getDayOfMonth() <= 23;
            for (Gen gen : AIR) {
                double v = value(gen, trd, t, d.getDayOfYear());
                if (episode && (gen.kpi().equals("pm10") || gen.kpi().equals("pm25"))) {
                    v *= 2.6;
                }
                csv.append(',').append(decimal(v, gen));
            }
            csv.append('\n');
        }
        files.put(dir + "/inbox/air-quality-2025.csv", csv.toString());
        files.put(dir + "/mapping.yaml", """
                # KPI mapping of an air-quality station (see docs/SITE.md): one row per day carries the five
                # pollutants of "Air Pollution", so one wide rule turns each row into one record.
                timeField: time
                timeZone: UTC               # periods as dated by the source, aligned with the platform's UTC calendar
                rules:
                  - name: air-quality
                    kpi: "EN: EN: AQ: 1C"
                    match: { station: "*" }
                    series:
                      pm_10: { field: pm10, unit: "ug/m3" }
                      pm_2.5: { field: pm25, unit: "ug/m3" }
                      no2: { field: no2, unit: "ug/m3" }
                      o3: { field: o3, unit: "ug/m3" }
                      so2: { field: so2, unit: "ug/m3" }
                """);
        site(demo, dir, id, name, country, city, 86_400, List.of("EN: EN: AQ: 1C"), List.of("inbox/air-quality-2025.csv"));
    }

    private void hub(StringBuilder demo, String dir, String id, String name, String country, String city, boolean trd) {
        List<String> kpis = new ArrayList<>();
        StringBuilder stats = new StringBuilder("time,kpi,value,unit\n");
        StringBuilder modes = new StringBuilder("time,survey,public,private,cycling,walking,para\n");
        StringBuilder waste = new StringBuilder("time,report,landfill,burnt,incinerated,open_dump,recycled,other\n");
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(2025, m);
            double t = (m - 0.5) / 12;
            int day = month.atDay(15).getDayOfYear();
            for (Gen gen : MONTHLY) {
                if (!trd && UTILITY_KPIS.contains(gen.kpi())) {
                    continue;
                }
                stats.append(month).append(',').append(gen.kpi()).append(',').append(decimal(value(gen, trd, t, day), gen))
                        .append(',').append(gen.unit()).append('\n');
            }
            // Valencia adopted its resilience plan in March 2025; Trondheim has had one for years
            stats.append(month).append(",SC: SH: SA: 3A,").append(trd || m >= 3 ? "yes" : "no").append(",yes/no\n");
            modes.append(month).append(",travel-survey").append(shares(MODE_SHARE, trd, t, day)).append('\n');
            waste.append(month).append(",municipal-waste").append(shares(WASTE, trd, t, day)).append('\n');
        }
        for (Gen gen : MONTHLY) {
            if (trd || !UTILITY_KPIS.contains(gen.kpi())) {
                kpis.add(gen.kpi());
            }
        }
        kpis.add("SC: SH: SA: 3A");
        kpis.add("EC: I: T: 4A");
        kpis.add("EN: EN: WA: 1C");
        files.put(dir + "/inbox/statistics-2025.csv", stats.toString());
        files.put(dir + "/inbox/travel-survey-2025.csv", modes.toString());
        files.put(dir + "/inbox/waste-report-2025.csv", waste.toString());
        files.put(dir + "/mapping.yaml", """
                # KPI mapping of a statistics office (see docs/SITE.md). The monthly export names the KPI, value
                # and unit on each row (long form); the travel survey and the waste report carry the data
                # series of one KPI as columns (wide form).
                timeField: time
                timeZone: UTC               # periods as dated by the source, aligned with the platform's UTC calendar
                rules:
                  - name: statistics
                    kpiField: kpi
                    valueField: value
                    unitField: unit
                    match: { kpi: "*" }
                  - name: mode-share
                    kpi: "EC: I: T: 4A"
                    match: { survey: "*" }
                    series:
                      public: { field: public, unit: "%" }
                      private: { field: private, unit: "%" }
                      cycling: { field: cycling, unit: "%" }
                      walking: { field: walking, unit: "%" }
                      para: { field: para, unit: "%" }
                  - name: waste-treatment
                    kpi: "EN: EN: WA: 1C"
                    match: { report: "*" }
                    series:
                      landfill: { field: landfill, unit: "%" }
                      burnt: { field: burnt, unit: "%" }
                      incinerated: { field: incinerated, unit: "%" }
                      open_dump: { field: open_dump, unit: "%" }
                      recycled: { field: recycled, unit: "%" }
                      other: { field: other, unit: "%" }
                """);
        site(demo, dir, id, name, country, city, 2_592_000, kpis, List.of("inbox/statistics-2025.csv",
                "inbox/travel-survey-2025.csv", "inbox/waste-report-2025.csv"));
    }

    private void utility(StringBuilder demo, String dir, String id, String name, String country, String city) {
        StringBuilder csv = new StringBuilder("time,kpi,value,unit\n");
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(2025, m);
            for (Gen gen : MONTHLY) {
                if (UTILITY_KPIS.contains(gen.kpi())) {
                    csv.append(month).append(',').append(gen.kpi()).append(',')
                            .append(decimal(value(gen, false, (m - 0.5) / 12, month.atDay(15).getDayOfYear()), gen))
                            .append(',').append(gen.unit()).append('\n');
                }
            }
        }
        files.put(dir + "/inbox/utility-2025.csv", csv.toString());
        files.put(dir + "/mapping.yaml", """
                # KPI mapping of a water and energy utility (see docs/SITE.md): one row per KPI and month.
                timeField: time
                timeZone: UTC               # periods as dated by the source, aligned with the platform's UTC calendar
                rules:
                  - name: utility
                    kpiField: kpi
                    valueField: value
                    unitField: unit
                    match: { kpi: "*" }
                """);
        site(demo, dir, id, name, country, city, 2_592_000, UTILITY_KPIS, List.of("inbox/utility-2025.csv"));
    }

    /** Shares that add up to 100 %: generated as levels, then normalized, then rounded. */
    private String shares(List<Gen> gens, boolean trd, double t, int day) {
        double[] raw = new double[gens.size()];
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = value(gens.get(i), trd, t, day);
            sum += raw[i];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length; i++) {
            sb.append(',').append(decimal(raw[i] * 100 / sum, gens.get(i)));
        }
        return sb.toString();
    }

    private double value(Gen gen, boolean trd, double years, int dayOfYear) {
        double base = trd ? gen.trd() : gen.vlc();
        double phase = 2 * StrictMath.PI * (dayOfYear - (gen.peakMonth() - 1) * 30.4 - 15) / 365.2425;
        double v = base + gen.drift() * years + gen.season() * StrictMath.cos(phase) + gen.noise() * gaussian();
        return Math.min(gen.max(), Math.max(v, gen.noise() > 0 ? gen.noise() / 10 : gen.min()));
    }

    private static String decimal(double v, Gen gen) {
        return BigDecimal.valueOf(v).setScale(gen.decimals(), RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Box-Muller with StrictMath, so the stream is the same on every JDK. */
    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
}
