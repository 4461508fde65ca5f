package org.bkdms.site.collection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bkdms.site.storage.SiteStore;

/**
 * Collects rows from a local database through JDBC (Y.4907 clause 8.1) with an incremental
 * watermark: the query has one {@code ?} that receives the highest watermark column value taken
 * so far, and must return rows in ascending watermark order, such as
 * {@code SELECT * FROM readings WHERE id > ? ORDER BY id}. The watermark is committed with the
 * batch's results, so each row is taken exactly once across restarts. The watermark column must
 * grow strictly with every new row (a sequence, or a timestamp with a tie-breaking key).
 *
 * <p>Timestamps are handed on as ISO 8601 instants, numbers as plain decimals.
 */
public final class JdbcCollector implements Collector {
    private static final String KEY = "watermark";

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final String query;
    private final String watermarkColumn;
    private final String initialWatermark;
    private final int batchRows;
    private Connection connection;

    /**
     * @param name the collector's name
     * @param url the JDBC URL
     * @param user the database user, or {@code null}
     * @param password the password, or {@code null}
     * @param query a SELECT with one parameter, the watermark
     * @param watermarkColumn the column whose last value is the new watermark
     * @param initialWatermark where to start: rows above this are taken
     * @param batchRows most rows per batch
     */
    public JdbcCollector(String name, String url, String user, String password, String query, String watermarkColumn,
            String initialWatermark, int batchRows) {
        this.name = Objects.requireNonNull(name, "name");
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
        this.query = Objects.requireNonNull(query, "query");
        this.watermarkColumn = Objects.requireNonNull(watermarkColumn, "watermarkColumn");
        this.initialWatermark = Objects.requireNonNull(initialWatermark, "initialWatermark");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be positive");
        }
        this.batchRows = batchRows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Batch> poll(SiteStore store) throws java.io.IOException {
        String watermark = store.inTransaction(u -> u.checkpoint(name, KEY)).orElse(initialWatermark);
        try {
            Connection c = connection();
            try (PreparedStatement s = c.prepareStatement(query)) {
                s.setMaxRows(batchRows);
                bind(s, watermark);
                List<SourceRow> rows = new ArrayList<>();
                String last = watermark;
                try (ResultSet r = s.executeQuery()) {
                    ResultSetMetaData md = r.getMetaData();
                    while (r.next() && rows.size() < batchRows) {
                        Map<String, String> fields = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            fields.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), text(r, i, md.getColumnType(i),
                                    md.getColumnTypeName(i)));
                        }
                        String wm = fields.get(watermarkColumn.toLowerCase(java.util.Locale.ROOT));
                        if (wm == null) {
                            throw new java.io.IOException(name + ": the query returns no watermark column '"
                                    + watermarkColumn + "'");
                        }
                        last = wm;
                        rows.add(new SourceRow(name, name + ":" + watermarkColumn + "=" + wm, fields));
                    }
                }
                if (rows.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Batch(name, rows, List.of(), KEY, last, null));
            }
        } catch (SQLException e) {
            closeConnection();
            throw new java.io.IOException(name + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, String watermark) throws SQLException {
        int type;
        try {
            type = s.getParameterMetaData().getParameterType(1);
        } catch (SQLException e) {
            type = Types.VARCHAR;
        }
        switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> s.setLong(1, Long.parseLong(watermark));
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL, Types.FLOAT -> s.setBigDecimal(1, new BigDecimal(watermark));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                // a zoned column's watermark is an instant, a local one a local date-time
                if (watermark.endsWith("Z")) {
                    s.setObject(1, Instant.parse(watermark).atOffset(java.time.ZoneOffset.UTC));
                } else {
                    s.setTimestamp(1, Timestamp.valueOf(java.time.LocalDateTime.parse(watermark)));
                }
            }
            default -> s.setString(1, watermark);
        }
    }

    private static String text(ResultSet r, int i, int type, String typeName) throws SQLException {
        String tn = typeName == null ? "" : typeName.toLowerCase(java.util.Locale.ROOT);
        if (type == Types.TIMESTAMP && (tn.equals("timestamptz") || tn.contains("with time zone"))) {
            type = Types.TIMESTAMP_WITH_TIMEZONE;
        }
        return switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime t = r.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant().toString();
            }
            case Types.TIMESTAMP -> {
                Timestamp t = r.getTimestamp(i);
                yield t == null ? null : t.toLocalDateTime().toString();
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal d = r.getBigDecimal(i);
                yield d == null ? null : d.toPlainString();
            }
            default -> r.getString(i);
        };
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, password);
            connection.setReadOnly(true);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being dropped because it failed; its close may fail too
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
