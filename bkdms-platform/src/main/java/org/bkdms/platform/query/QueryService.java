package org.bkdms.platform.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bkdms.platform.store.PlatformDatabase;

/**
 * Read-only queries over the platform's tables, for the REST API, a dashboard and analysis. Kept
 * apart from HTTP so that other front ends can use them. Every method takes its filters as values
 * bound to prepared statements. Thread-safe.
 */
public final class QueryService {
    /** Most rows one query returns. */
    public static final int MAX_LIMIT = 10_000;

    private final PlatformDatabase db;

    /** @param db the platform database */
    public QueryService(PlatformDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Filters of an observation query; {@code null} means "any".
     *
     * @param chainId the chain
     * @param siteId the site
     * @param kpiCode the KPI (canonical form)
     * @param cityCode the city code
     * @param from earliest observation time (inclusive)
     * @param to latest observation time (exclusive)
     * @param limit most rows, 1 to {@value #MAX_LIMIT}
     * @param offset rows to skip
     */
    public record ObservationQuery(String chainId, String siteId, String kpiCode, String cityCode, Instant from, Instant to,
            int limit, long offset) {
        /**
         * Checks the bounds.
         *
         * @param chainId see {@link #chainId()}
         * @param siteId see {@link #siteId()}
         * @param kpiCode see {@link #kpiCode()}
         * @param cityCode see {@link #cityCode()}
         * @param from see {@link #from()}
         * @param to see {@link #to()}
         * @param limit see {@link #limit()}
         * @param offset see {@link #offset()}
         */
        public ObservationQuery {
            if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " and offset non-negative");
            }
        }
    }

    /**
     * One decrypted KPI value.
     *
     * @param tracingCode the storage record it came from
     * @param chainId the chain
     * @param siteId the site
     * @param countryCode ISO 3166-1 numeric
     * @param cityScheme city coding scheme
     * @param cityCode city code
     * @param kpiCode the KPI
     * @param series the data series
     * @param value the value as reported
     * @param unit the unit
     * @param observedAt the record's time
     * @param siteSequence the submission's sequence number
     * @param blockHeight the block
     * @param blockTime the block's time
     * @param qualityFlags quality flags, comma-separated
     */
    public record Observation(String tracingCode, String chainId, String siteId, int countryCode, String cityScheme,
            String cityCode, String kpiCode, String series, String value, String unit, Instant observedAt, long siteSequence,
            long blockHeight, Instant blockTime, String qualityFlags) {
    }

    /**
     * @param q the filters
     * @return matching observations, by observation time then site and series
     * @throws SQLException if the database fails
     */
    public List<Observation> observations(ObservationQuery q) throws SQLException {
        String sql = "SELECT tracing_code, chain_id, site_id, country_code, city_scheme, city_code, kpi_code, series, value_text, "
                + "unit, observed_at, site_sequence, block_height, block_time, quality_flags FROM kpi_observation WHERE "
                + "(CAST(? AS VARCHAR(512)) IS NULL OR chain_id = ?) AND (CAST(? AS VARCHAR(64)) IS NULL OR site_id = ?) "
                + "AND (CAST(? AS VARCHAR(32)) IS NULL OR kpi_code = ?) AND (CAST(? AS VARCHAR(64)) IS NULL OR city_code = ?) "
                + "AND observed_at >= ? AND observed_at < ? "
                + "ORDER BY observed_at, site_id, series, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        List<Observation> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (String v : new String[] {q.chainId(), q.siteId(), q.kpiCode(), q.cityCode()}) {
                s.setString(i++, v);
                s.setString(i++, v);
            }
            s.setObject(i++, time(q.from() == null ? Instant.parse("0000-01-01T00:00:00Z") : q.from()));
            s.setObject(i++, time(q.to() == null ? Instant.parse("9999-12-31T23:59:59Z") : q.to()));
            s.setLong(i++, q.offset());
            s.setInt(i, q.limit());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Observation(HexFormat.of().formatHex(r.getBytes(1)), r.getString(2), r.getString(3), r.getInt(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
                            instant(r, 11), r.getLong(12), r.getLong(13), instant(r, 14), r.getString(15)));
                }
            }
        }
        return out;
    }

    /**
     * A KPI the platform holds values of.
     *
     * @param kpiCode the KPI
     * @param values stored values
     * @param sites sites reporting it
     * @param first earliest observation
     * @param last latest observation
     */
    public record KpiSummary(String kpiCode, long values, long sites, Instant first, Instant last) {
    }

    /**
     * @return every KPI with values, by code
     * @throws SQLException if the database fails
     */
    public List<KpiSummary> kpis() throws SQLException {
        List<KpiSummary> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT kpi_code, COUNT(*), COUNT(DISTINCT site_id), MIN(observed_at), "
                     + "MAX(observed_at) FROM kpi_observation GROUP BY kpi_code ORDER BY kpi_code");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new KpiSummary(r.getString(1), r.getLong(2), r.getLong(3), instant(r, 4), instant(r, 5)));
            }
        }
        return out;
    }

    /**
     * A site as the platform knows it.
     *
     * @param chainId the chain
     * @param siteId the site
     * @param name its registry name
     * @param status its current registry status
     * @param signingKeyId its current signing key
     * @param sinceHeight the block of its current registry entry
     * @param records stored records of it
     * @param evidence of which failed a check
     */
    public record SiteSummary(String chainId, String siteId, String name, String status, String signingKeyId, long sinceHeight,
            long records, long evidence) {
    }

    /**
     * @return every registered site with its current registry entry and record counts
     * @throws SQLException if the database fails
     */
    public List<SiteSummary> sites() throws SQLException {
        String sql = "SELECT v.chain_id, v.site_id, v.name, v.status, v.signing_key_id, v.since_height, "
                + "(SELECT COUNT(*) FROM kpi_storage k WHERE k.chain_id = v.chain_id AND k.site_id = v.site_id), "
                + "(SELECT COUNT(*) FROM kpi_evidence e WHERE e.chain_id = v.chain_id AND e.site_id = v.site_id) "
                + "FROM site_version v WHERE v.version_no = (SELECT MAX(w.version_no) FROM site_version w "
                + "WHERE w.chain_id = v.chain_id AND w.site_id = v.site_id) ORDER BY v.chain_id, v.site_id";
        List<SiteSummary> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new SiteSummary(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        HexFormat.of().formatHex(r.getBytes(5)), r.getLong(6), r.getLong(7), r.getLong(8)));
            }
        }
        return out;
    }

    /**
     * A record that failed a check.
     *
     * @param tracingCode its storage record
     * @param chainId the chain
     * @param blockHeight its block
     * @param siteId the site
     * @param reason the check that failed
     * @param detail what exactly
     */
    public record Evidence(String tracingCode, String chainId, long blockHeight, String siteId, String reason, String detail) {
    }

    /**
     * @param limit most rows
     * @return the latest evidence rows, newest first
     * @throws SQLException if the database fails
     */
    public List<Evidence> evidence(int limit) throws SQLException {
        List<Evidence> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT tracing_code, chain_id, block_height, site_id, reason, detail "
                     + "FROM kpi_evidence ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
            s.setInt(1, Math.max(1, Math.min(limit, MAX_LIMIT)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Evidence(HexFormat.of().formatHex(r.getBytes(1)), r.getString(2), r.getLong(3), r.getString(4),
                            r.getString(5), r.getString(6)));
                }
            }
        }
        return out;
    }

    private static OffsetDateTime time(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
