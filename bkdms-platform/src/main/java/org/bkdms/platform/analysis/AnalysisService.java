package org.bkdms.platform.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.IntegrityCounters;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.analysis.assessment.Assessment;
import org.bkdms.analysis.assessment.Assessor;
import org.bkdms.analysis.assessment.ScoreCard;
import org.bkdms.analysis.assessment.TargetComparison;
import org.bkdms.analysis.assessment.TargetSet;
import org.bkdms.analysis.export.CsvExport;
import org.bkdms.analysis.export.CsvTable;
import org.bkdms.analysis.export.JsonExport;
import org.bkdms.analysis.export.NgsiLdExport;
import org.bkdms.analysis.quality.ObservationValidator;
import org.bkdms.analysis.quality.QualityAnalyzer;
import org.bkdms.analysis.quality.QualityConfig;
import org.bkdms.analysis.quality.QualityReport;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.PlatformException;
import org.bkdms.platform.store.PlatformDatabase;

/**
 * The analysis and assessment capability of the platform (Y.4907 clause 8.3) over what the platform
 * stored: it reads the decrypted observations, the collection policies the chains published and the
 * integrity counters (evidence per reason, misbehaviour the ledger reported) from the database and
 * hands them to the {@code bkdms-analysis} library. A report is computed from one read of the
 * matching observation rows, in one streamed query. Reports are kept in a small cache keyed by the
 * filter and by where extraction of every chain stands: every row the analysis reads (observations,
 * policies, evidence, misbehaviour) is written in the same transaction that moves a chain's cursor,
 * so an unchanged set of cursors means unchanged data, and a dashboard that refreshes without new
 * blocks costs one small query. Thread-safe.
 */
public final class AnalysisService {
    /** The CSV tables {@link #exportCsv} knows. */
    public static final List<String> CSV_TABLES = List.of("values", "siteKpiQuality", "siteQuality", "periodQuality",
            "cityQuality", "trends", "targets", "anomalies");
    /** The longest window a query may ask for: beyond it, daily policies would expect millions of reports. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366L * 25);
    /** How many reports the platform keeps: enough for the dashboard's few filters and a few users. */
    public static final int DEFAULT_CACHE_ENTRIES = 8;

    private final PlatformDatabase db;
    private final KpiCatalogue catalogue;
    private final TargetSet targets;
    private final PlatformConfig.Dashboard settings;
    private final Clock clock;
    private final QualityAnalyzer quality;
    private final Assessor assessor;
    private final Map<CacheKey, Object> cache;
    private final int cacheEntries;

    /** What a cached report depends on: its kind, the filter and the chains' cursors. */
    private record CacheKey(String kind, Filter filter, String dataVersion) {
    }

    /**
     * @param db the platform database
     * @param catalogue the KPI catalogue
     * @param settings city names, target file and NGSI-LD data provider
     * @param clock the clock for an empty database's window and for NGSI-LD {@code dateModified}
     * @param cacheEntries how many reports to keep (0 for none); each holds the figures of one filter
     * @throws PlatformException ({@code INVALID_CONFIG}) if the target file cannot be read or is invalid
     */
    public AnalysisService(PlatformDatabase db, KpiCatalogue catalogue, PlatformConfig.Dashboard settings, Clock clock,
            int cacheEntries) {
        this.db = Objects.requireNonNull(db, "db");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.targets = readTargets(settings.targets(), catalogue);
        this.quality = new QualityAnalyzer(new ObservationValidator(catalogue), QualityConfig.defaults());
        this.assessor = Assessor.withDefaults(catalogue);
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must not be negative");
        }
        this.cacheEntries = cacheEntries;
        this.cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<CacheKey, Object> eldest) {
                return size() > AnalysisService.this.cacheEntries;
            }
        };
    }

    @FunctionalInterface
    private interface Compute<T> {
        T compute() throws SQLException;
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String kind, Filter f, Compute<T> compute) throws SQLException {
        if (cacheEntries == 0) {
            return compute.compute();
        }
        // without both bounds an empty database's window is the clock's current period: key on it too
        String version = dataVersion() + (f.from() == null || f.to() == null ? f.granularity().startOf(clock.instant()) : "");
        CacheKey key = new CacheKey(kind, f, version);
        synchronized (cache) {
            Object hit = cache.get(key);
            if (hit != null) {
                return (T) hit;
            }
        }
        // computed outside the lock: two equal requests at once may both compute, which is harmless
        T value = compute.compute();
        synchronized (cache) {
            cache.put(key, value);
        }
        return value;
    }

    private String dataVersion() throws SQLException {
        StringBuilder v = new StringBuilder();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT chain_id, next_height FROM chain_cursor ORDER BY chain_id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                v.append(r.getString(1)).append('@').append(r.getLong(2)).append(' ');
            }
        }
        return v.toString();
    }

    private static TargetSet readTargets(Path file, KpiCatalogue catalogue) {
        if (file == null) {
            return TargetSet.example(catalogue);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return TargetSet.read(in, catalogue);
        } catch (IOException | RuntimeException e) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "targets " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What to analyse; {@code null} fields mean "all".
     *
     * @param city a city, {@code scheme:code} or just the code ({@code UNLOCODE:NOTRD} or {@code NOTRD})
     * @param kpiCode a KPI code, canonical
     * @param from earliest observation time (inclusive); {@code null} for the start of the first period with data
     * @param to latest observation time (exclusive); {@code null} for the end of the last period with data
     * @param granularity the period length of city values and quality rows
     */
    public record Filter(String city, String kpiCode, Instant from, Instant to, Granularity granularity) {
        /**
         * Checks the parts.
         *
         * @param city see {@link #city()}
         * @param kpiCode see {@link #kpiCode()}
         * @param from see {@link #from()}
         * @param to see {@link #to()}
         * @param granularity see {@link #granularity()}
         * @throws PlatformException ({@code INVALID_REQUEST}) if the window is empty or too long
         */
        public Filter {
            Objects.requireNonNull(granularity, "granularity");
            if (from != null && to != null && (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0)) {
                throw invalid("'from' must be before 'to', at most " + MAX_WINDOW.toDays() + " days apart");
            }
        }

        /** @return everything, by month */
        public static Filter all() {
            return new Filter(null, null, null, null, Granularity.MONTH);
        }

        /**
         * Parses filters as a user gives them (query parameters, command-line options).
         *
         * @param city a city, {@code scheme:code} or the code, or {@code null}
         * @param kpi a KPI code in any spacing, or {@code null}
         * @param from an ISO 8601 instant or date, or {@code null}
         * @param to an ISO 8601 instant or date (exclusive), or {@code null}
         * @param granularity {@code day}, {@code month}, {@code quarter} or {@code year} (any case), or
         *     {@code null} for month
         * @return the filter
         * @throws PlatformException ({@code INVALID_REQUEST}) naming the bad parameter
         */
        public static Filter parse(String city, String kpi, String from, String to, String granularity) {
            String c = blankToNull(city);
            if (c != null && !c.matches("([A-Za-z0-9_.-]{1,32}:)?[A-Za-z0-9]{1,64}")) {
                throw invalid("city must be a city code such as UNLOCODE:NOTRD or NOTRD");
            }
            String k = blankToNull(kpi);
            if (k != null) {
                try {
                    k = KpiCode.parse(k).canonical();
                } catch (RuntimeException e) {
                    throw invalid("kpi '" + k + "' is not a KPI code: " + e.getMessage());
                }
            }
            Granularity g;
            try {
                g = blankToNull(granularity) == null ? Granularity.MONTH
                        : Granularity.valueOf(granularity.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("granularity must be one of " + Arrays.toString(Granularity.values()).toLowerCase(Locale.ROOT));
            }
            return new Filter(c, k, time("from", from), time("to", to), g);
        }

        private static Instant time(String name, String text) {
            String t = blankToNull(text);
            if (t == null) {
                return null;
            }
            try {
                return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw invalid(name + " must be an ISO 8601 date (2025-01-31) or instant (2025-01-31T00:00:00Z)");
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }

        /** @return the city code without its scheme, or {@code null} */
        String cityCode() {
            return city == null ? null : city.substring(city.indexOf(':') + 1);
        }

        /** @return the city scheme, or {@code null} when not given */
        String cityScheme() {
            return city == null || !city.contains(":") ? null : city.substring(0, city.indexOf(':'));
        }
    }

    private static PlatformException invalid(String message) {
        return new PlatformException(PlatformException.Kind.INVALID_REQUEST, message);
    }

    /**
     * Integrity figures beside the quality ones.
     *
     * @param platform platform-wide: ledger misbehaviour reports per kind as rejections, evidence
     *     per reason as failed verifications
     * @param sites the same per site id
     * @param storedRecords Table 10-3 rows
     * @param verifiedRecords of which passed every check
     * @param blocks stored blocks over all chains
     */
    public record Integrity(IntegrityCounters platform, Map<String, IntegrityCounters> sites, long storedRecords,
            long verifiedRecords, long blocks) {
    }

    /**
     * Target comparisons and the scores they give.
     *
     * @param targetSet the target set's name
     * @param comparisons one per city series that has a target
     * @param scores score cards per city
     */
    public record Targets(String targetSet, List<TargetComparison> comparisons, List<ScoreCard> scores) {
    }

    /**
     * The analysis input for a filter: one pass over the matching observation rows.
     *
     * @param f the filter
     * @return observations, policies, window and integrity counters
     * @throws SQLException if the database fails
     */
    public AnalysisInput input(Filter f) throws SQLException {
        try (Connection c = db.connection()) {
            List<Observation> observations = observations(c, f);
            Instant min = null;
            Instant max = null;
            for (Observation o : observations) {
                Instant t = o.observationTime();
                min = min == null || t.isBefore(min) ? t : min;
                max = max == null || t.isAfter(max) ? t : max;
            }
            TimeWindow window = window(f, min, max);
            Integrity integrity = integrity(c);
            return new AnalysisInput(observations, policies(c, f), window, integrity.platform(), integrity.sites());
        }
    }

    private TimeWindow window(Filter f, Instant min, Instant max) {
        Granularity g = f.granularity();
        Instant now = clock.instant();
        Instant from = f.from() != null ? f.from() : g.startOf(min != null ? min : f.to() != null ? f.to().minusSeconds(1) : now);
        Instant to = f.to() != null ? f.to() : g.nextStart(g.startOf(max != null ? max : from));
        if (!from.isBefore(to)) {
            to = g.nextStart(g.startOf(from));
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw invalid("the data spans more than " + MAX_WINDOW.toDays() + " days: give 'from' and 'to'");
        }
        return new TimeWindow(from, to);
    }

    private static List<Observation> observations(Connection c, Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT site_id, country_code, city_scheme, city_code, kpi_code, series, "
                + "value_decimal, unit, observed_at, block_height, block_time, site_sequence, tracing_code "
                + "FROM kpi_observation WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, f);
        if (f.from() != null) {
            sql.append(" AND observed_at >= ?");
            args.add(f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            sql.append(" AND observed_at < ?");
            args.add(f.to().atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY id");
        List<Observation> out = new ArrayList<>();
        // rows repeat a few sites, cities, KPIs and units: share the strings instead of keeping a copy per row
        Map<String, String> interned = new HashMap<>();
        HexFormat hex = HexFormat.of();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            s.setFetchSize(2000);
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String site = interned.computeIfAbsent(r.getString(1), x -> x);
                    int country = r.getInt(2);
                    String city = interned.computeIfAbsent(r.getString(3) + ":" + r.getString(4), x -> x);
                    BigDecimal value = r.getBigDecimal(7);
                    if (value == null) {
                        continue; // the extractor always writes it; a row without one has no value to analyse
                    }
                    // the column keeps 18 decimals; the analysis compares numerically, but exports print the value
                    value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
                    out.add(new Observation(site, interned.computeIfAbsent(String.format("%03d", country), x -> x), city,
                            interned.computeIfAbsent(r.getString(5), x -> x), interned.computeIfAbsent(r.getString(6), x -> x),
                            value, interned.computeIfAbsent(r.getString(8), x -> x), instant(r, 9), null, r.getLong(10),
                            instant(r, 11), r.getLong(12), hex.formatHex(r.getBytes(13))));
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
        return out;
    }

    private static void where(StringBuilder sql, List<Object> args, Filter f) {
        if (f.cityCode() != null) {
            sql.append(" AND city_code = ?");
            args.add(f.cityCode());
            if (f.cityScheme() != null) {
                sql.append(" AND city_scheme = ?");
                args.add(f.cityScheme());
            }
        }
        if (f.kpiCode() != null) {
            sql.append(" AND kpi_code = ?");
            args.add(f.kpiCode());
        }
    }

    private static List<CollectionPolicy> policies(Connection c, Filter f) throws SQLException {
        Set<String> sitesOfCity = null;
        if (f.cityCode() != null) {
            // a policy names a site, not a city: keep the sites that reported in the city
            StringBuilder sql = new StringBuilder("SELECT DISTINCT site_id FROM kpi_observation WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            where(sql, args, new Filter(f.city(), null, null, null, f.granularity()));
            sitesOfCity = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        sitesOfCity.add(r.getString(1));
                    }
                }
            }
        }
        List<CollectionPolicy> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT site_id, effective_from, period_seconds, kpi_codes "
                + "FROM collection_policy ORDER BY effective_from, chain_id, site_id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String site = r.getString(1);
                if (sitesOfCity != null && !sitesOfCity.contains(site)) {
                    continue;
                }
                List<String> codes = r.getString(4).isEmpty() ? List.of() : List.of(r.getString(4).split(","));
                if (f.kpiCode() != null) {
                    // kept even when empty: a newer version without the KPI still ends the older one
                    codes = codes.contains(f.kpiCode()) ? List.of(f.kpiCode()) : List.of();
                }
                out.add(new CollectionPolicy(site, codes, r.getLong(3), instant(r, 2)));
            }
        }
        return out;
    }

    /**
     * @return the integrity counters and record totals
     * @throws SQLException if the database fails
     */
    public Integrity integrity() throws SQLException {
        try (Connection c = db.connection()) {
            return integrity(c);
        }
    }

    private static Integrity integrity(Connection c) throws SQLException {
        Map<String, Map<String, Long>> rejections = counts(c, "SELECT site_id, kind, COUNT(*) FROM misbehaviour_report "
                + "GROUP BY site_id, kind");
        Map<String, Map<String, Long>> failures = counts(c, "SELECT site_id, reason, COUNT(*) FROM kpi_evidence "
                + "GROUP BY site_id, reason");
        Map<String, Long> allRejections = new TreeMap<>();
        Map<String, Long> allFailures = new TreeMap<>();
        rejections.values().forEach(m -> m.forEach((k, v) -> allRejections.merge(k, v, Long::sum)));
        failures.values().forEach(m -> m.forEach((k, v) -> allFailures.merge(k, v, Long::sum)));
        Map<String, IntegrityCounters> sites = new TreeMap<>();
        Set<String> siteIds = new HashSet<>(rejections.keySet());
        siteIds.addAll(failures.keySet());
        for (String site : siteIds) {
            sites.put(site, new IntegrityCounters(rejections.getOrDefault(site, Map.of()), failures.getOrDefault(site, Map.of())));
        }
        long stored;
        long verified;
        long blocks;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(CASE WHEN verified THEN 1 ELSE 0 END), 0), "
                + "(SELECT COUNT(*) FROM ledger_block) FROM kpi_storage");
             ResultSet r = s.executeQuery()) {
            r.next();
            stored = r.getLong(1);
            verified = r.getLong(2);
            blocks = r.getLong(3);
        }
        return new Integrity(new IntegrityCounters(allRejections, allFailures), sites, stored, verified, blocks);
    }

    private static Map<String, Map<String, Long>> counts(Connection c, String sql) throws SQLException {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).merge(r.getString(2), r.getLong(3), Long::sum);
            }
        }
        return out;
    }

    /**
     * @param f the filter
     * @return data quality and availability
     * @throws SQLException if the database fails
     */
    public QualityReport quality(Filter f) throws SQLException {
        return cached("quality", f, () -> quality.analyze(input(f), f.granularity()));
    }

    /**
     * @param f the filter
     * @return city values, trends, target comparisons, scores and anomaly flags
     * @throws SQLException if the database fails
     */
    public Assessment assessment(Filter f) throws SQLException {
        return cached("assessment", f, () -> assessor.assess(input(f), f.granularity(), targets));
    }

    /**
     * @param f the filter
     * @return the target comparisons and scores
     * @throws SQLException if the database fails
     */
    public Targets targets(Filter f) throws SQLException {
        Assessment a = assessment(f);
        return new Targets(a.targetSet(), a.targets(), a.scores());
    }

    /**
     * @param table one of {@link #CSV_TABLES}
     * @param f the filter
     * @return the table as RFC 4180 CSV
     * @throws SQLException if the database fails
     * @throws PlatformException ({@code NOT_FOUND}) for an unknown table
     */
    public String exportCsv(String table, Filter f) throws SQLException {
        if (!CSV_TABLES.contains(table)) {
            throw new PlatformException(PlatformException.Kind.NOT_FOUND, "no CSV table '" + table + "'; tables: "
                    + String.join(", ", CSV_TABLES));
        }
        CsvTable t = switch (table) {
            case "values" -> CsvExport.values(assessment(f).values());
            case "trends" -> CsvExport.trends(assessment(f).trends());
            case "targets" -> CsvExport.targets(assessment(f).targets());
            case "anomalies" -> CsvExport.anomalies(assessment(f).anomalies());
            case "siteKpiQuality" -> CsvExport.siteKpiQuality(quality(f).siteKpis());
            case "siteQuality" -> CsvExport.siteQuality(quality(f).sites());
            case "periodQuality" -> CsvExport.periodQuality(quality(f).periods());
            default -> CsvExport.cityQuality(quality(f).cities());
        };
        return t.toCsv();
    }

    /**
     * @param f the filter
     * @return {@code {"quality": ..., "assessment": ...}} as JSON, from one read of the data unless cached
     * @throws SQLException if the database fails
     */
    public String exportJson(Filter f) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (cacheEntries == 0) {
            AnalysisInput in = input(f);
            out.put("quality", quality.analyze(in, f.granularity()));
            out.put("assessment", assessor.assess(in, f.granularity(), targets));
        } else {
            out.put("quality", quality(f));
            out.put("assessment", assessment(f));
        }
        return JsonExport.toJson(out);
    }

    /**
     * @param f the filter
     * @return FIWARE NGSI-LD {@code KeyPerformanceIndicator} entities of the city values, as a JSON array
     * @throws SQLException if the database fails
     */
    public String exportNgsiLd(Filter f) throws SQLException {
        Assessment a = assessment(f);
        NgsiLdExport ngsi = new NgsiLdExport(catalogue, settings.cities(), settings.dataProviderOrDefault());
        return NgsiLdExport.toJson(ngsi.entities(a.values(), a.trends(), clock.instant()));
    }

    /**
     * @return the city ({@code scheme:code}) each site reported from, by site id; a site that
     *     reported from several cities maps to the one of its latest observation
     * @throws SQLException if the database fails
     */
    public Map<String, String> siteCities() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT site_id, city_scheme, city_code, MAX(observed_at) AS latest "
                     + "FROM kpi_observation GROUP BY site_id, city_scheme, city_code ORDER BY latest");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2) + ":" + r.getString(3));
            }
        }
        return out;
    }

    /** @return the settings: city names, site locations, refresh interval */
    public PlatformConfig.Dashboard settings() {
        return settings;
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
