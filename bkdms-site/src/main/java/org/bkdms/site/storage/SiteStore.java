package org.bkdms.site.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bkdms.core.keys.SecretFile;
import org.bkdms.ledger.tx.TxId;
import org.flywaydb.core.Flyway;

/**
 * The sampling site's durable store (Y.4907 clause 8.1, storage capability): the outbox of sealed
 * packets, the quarantine of refused rows, the collectors' checkpoints and the open consolidation
 * periods, in one embedded H2 file database whose schema Flyway migrates.
 *
 * <p>Durability contract: a {@link Unit} of work commits atomically. A collector's checkpoint MUST
 * be written in the same unit as the outbox entries and quarantine rows produced from the data it
 * covers, so that a crash either keeps both or neither. An outbox entry MUST be committed before
 * its transaction is sent, and it is only marked confirmed after the chain's inclusion proof was
 * verified. The database is opened with {@code WRITE_DELAY=0}, so a commit survives the process
 * being killed; surviving a power cut depends on the operating system flushing its cache.
 *
 * <p>Thread-safe: one connection, used under this object's lock. Other processes (such as
 * {@code bkdms site status}) may open the same directory while the site runs (H2 auto-server).
 */
public final class SiteStore implements AutoCloseable {
    private final Connection connection;

    private SiteStore(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating and migrating if needed) the store in a directory.
     *
     * @param dir the site's data directory
     * @return the store
     * @throws UncheckedIOException if the directory cannot be created
     * @throws StoreException if the database cannot be opened or migrated
     */
    public static SiteStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the site data directory " + dir, e);
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("site") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        String password = secret(dir);
        try {
            Flyway.configure().dataSource(url, "sa", password).locations("classpath:db/site").load().migrate();
            Connection c = DriverManager.getConnection(url, "sa", password);
            c.setAutoCommit(false);
            return new SiteStore(c);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open the site store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The database password: random, made with the store and kept beside it, readable by its owner
     * only. The auto-server mode that lets {@code bkdms site status} read a running site's store
     * opens a TCP port, so the database must not be open to anyone who finds it.
     */
    private static String secret(Path dir) {
        Path file = dir.resolve("store.secret");
        try {
            return SecretFile.readOrCreate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /**
     * Work done atomically against the store.
     *
     * @param <T> the result
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param unit the open unit of work
         * @return the result
         * @throws SQLException if a statement fails; the unit is then rolled back
         */
        T run(Unit unit) throws SQLException;
    }

    /**
     * Runs work in one database transaction: all of it commits, or none of it.
     *
     * @param <T> the result type
     * @param work the work
     * @return its result
     * @throws StoreException if the database fails; nothing was committed
     */
    public synchronized <T> T inTransaction(Work<T> work) {
        try {
            T result = work.run(new Unit());
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r && !(e instanceof StoreException) && !(e instanceof UncheckedIOException)) {
                throw r;
            }
            throw e instanceof StoreException s ? s : new StoreException("site store: " + e.getMessage(), e);
        }
    }

    /** Operations of one unit of work; valid only inside {@link #inTransaction(Work)}. */
    public final class Unit {
        private Unit() {
        }

        /**
         * @return the next sequence number: one above both the highest sealed and the floor learnt
         *     from the chain
         * @throws SQLException on database failure
         */
        public long nextSequence() throws SQLException {
            long max = -1;
            try (PreparedStatement s = connection.prepareStatement("SELECT MAX(seq) FROM outbox"); ResultSet r = s.executeQuery()) {
                if (r.next() && r.getObject(1) != null) {
                    max = r.getLong(1);
                }
            }
            long floor = meta("sequence_floor").map(Long::parseLong).orElse(0L);
            return Math.max(max, floor) + 1;
        }

        /**
         * @param key a setting's name
         * @return its value, if set
         * @throws SQLException on database failure
         */
        public Optional<String> meta(String key) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT v FROM site_meta WHERE k = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        }

        /**
         * @param key a setting's name
         * @param value its new value
         * @throws SQLException on database failure
         */
        public void setMeta(String key, String value) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("MERGE INTO site_meta (k, v) KEY (k) VALUES (?, ?)")) {
                s.setString(1, key);
                s.setString(2, value);
                s.executeUpdate();
            }
        }

        /**
         * Adds a sealed packet to the outbox.
         *
         * @param sequence its sequence number, from {@link #nextSequence()}
         * @param txId the transaction's id
         * @param transaction the signed transaction bytes
         * @param recordDer the DER record inside the packet, kept so it can be sealed again
         * @param kpiCode the KPI
         * @param recordTime the record's time
         * @param sourceReference where the data came from, or {@code null}
         * @param now the current time
         * @throws SQLException on database failure (a sequence number used twice among them)
         */
        public void addToOutbox(long sequence, TxId txId, byte[] transaction, byte[] recordDer, String kpiCode,
                Instant recordTime, String sourceReference, Instant now) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO outbox (seq, tx_id, tx, record_der, kpi_code,"
                    + " record_time, source_ref, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
                s.setLong(1, sequence);
                s.setBytes(2, txId.bytes());
                s.setBytes(3, transaction);
                s.setBytes(4, recordDer);
                s.setString(5, kpiCode);
                s.setObject(6, odt(recordTime));
                s.setString(7, truncate(sourceReference, 256));
                s.setObject(8, odt(now));
                s.executeUpdate();
            }
        }

        /**
         * Keeps a refused row for review.
         *
         * @param source the collector
         * @param reference where the row came from
         * @param rowText the row
         * @param reasonCode a stable reason
         * @param reason one line for the reviewer
         * @param now the current time
         * @throws SQLException on database failure
         */
        public void quarantine(String source, String reference, String rowText, String reasonCode, String reason, Instant now)
                throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO quarantine (source, reference, row_text,"
                    + " reason_code, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, truncate(source, 128));
                s.setString(2, truncate(reference, 512));
                s.setString(3, truncate(rowText, 8192));
                s.setString(4, truncate(reasonCode, 64));
                s.setString(5, truncate(reason, 1024));
                s.setObject(6, odt(now));
                s.executeUpdate();
            }
        }

        /**
         * @param source a collector
         * @param key a checkpoint's key
         * @return its value, if set
         * @throws SQLException on database failure
         */
        public Optional<String> checkpoint(String source, String key) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT cvalue FROM checkpoint WHERE source = ? AND ckey = ?")) {
                s.setString(1, source);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        }

        /**
         * @param source a collector
         * @param key a checkpoint's key
         * @param value its new value
         * @throws SQLException on database failure
         */
        public void setCheckpoint(String source, String key, String value) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(
                    "MERGE INTO checkpoint (source, ckey, cvalue) KEY (source, ckey) VALUES (?, ?, ?)")) {
                s.setString(1, source);
                s.setString(2, key);
                s.setString(3, value);
                s.executeUpdate();
            }
        }

        /**
         * Adds a value to an open consolidation period, opening it if needed.
         *
         * @param kpiCode the KPI
         * @param series the data series
         * @param periodStart the period's first instant
         * @param periodEnd the instant after the period
         * @param value the value
         * @param time the value's time
         * @param sourceReference where it came from
         * @param ruleName the mapping rule that consolidates it
         * @throws SQLException on database failure
         */
        public void accumulate(String kpiCode, String series, Instant periodStart, Instant periodEnd, BigDecimal value,
                Instant time, String sourceReference, String ruleName) throws SQLException {
            Optional<PeriodAggregate> open = period(kpiCode, series, periodStart);
            if (open.isEmpty()) {
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO intermediate (kpi_code, series,"
                        + " period_start, period_end, n, total, last_value, last_time, minimum, maximum, source_ref, rule_name)"
                        + " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, kpiCode);
                    s.setString(2, series);
                    s.setObject(3, odt(periodStart));
                    s.setObject(4, odt(periodEnd));
                    s.setBigDecimal(5, value);
                    s.setBigDecimal(6, value);
                    s.setObject(7, odt(time));
                    s.setBigDecimal(8, value);
                    s.setBigDecimal(9, value);
                    s.setString(10, truncate(sourceReference, 256));
                    s.setString(11, truncate(ruleName, 128));
                    s.executeUpdate();
                }
                return;
            }
            PeriodAggregate a = open.get().add(value, time);
            try (PreparedStatement s = connection.prepareStatement("UPDATE intermediate SET n = ?, total = ?, last_value = ?,"
                    + " last_time = ?, minimum = ?, maximum = ? WHERE kpi_code = ? AND series = ? AND period_start = ?")) {
                s.setLong(1, a.count());
                s.setBigDecimal(2, a.total());
                s.setBigDecimal(3, a.lastValue());
                s.setObject(4, odt(a.lastTime()));
                s.setBigDecimal(5, a.minimum());
                s.setBigDecimal(6, a.maximum());
                s.setString(7, kpiCode);
                s.setString(8, series);
                s.setObject(9, odt(periodStart));
                s.executeUpdate();
            }
        }

        private Optional<PeriodAggregate> period(String kpiCode, String series, Instant periodStart) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + PeriodAggregate.COLUMNS
                    + " FROM intermediate WHERE kpi_code = ? AND series = ? AND period_start = ?")) {
                s.setString(1, kpiCode);
                s.setString(2, series);
                s.setObject(3, odt(periodStart));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(PeriodAggregate.read(r)) : Optional.empty();
                }
            }
        }

        /**
         * @param before periods ending at or before this instant are due
         * @return the open periods that are due, oldest first
         * @throws SQLException on database failure
         */
        public List<PeriodAggregate> duePeriods(Instant before) throws SQLException {
            List<PeriodAggregate> due = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT " + PeriodAggregate.COLUMNS
                    + " FROM intermediate WHERE period_end <= ? ORDER BY period_start, kpi_code, series")) {
                s.setObject(1, odt(before));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(PeriodAggregate.read(r));
                    }
                }
            }
            return due;
        }

        /**
         * @param kpiCode the KPI
         * @param periodStart the period
         * @throws SQLException on database failure
         */
        public void closePeriod(String kpiCode, Instant periodStart) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(
                    "DELETE FROM intermediate WHERE kpi_code = ? AND period_start = ?")) {
                s.setString(1, kpiCode);
                s.setObject(2, odt(periodStart));
                s.executeUpdate();
            }
        }
    }

    /**
     * @param limit most entries returned
     * @return pending outbox entries, lowest sequence first
     */
    public synchronized List<OutboxEntry> pending(int limit) {
        return pendingAfter(-1, limit);
    }

    /**
     * @param afterSequence only entries above this sequence number
     * @param limit most entries
     * @return pending outbox entries above {@code afterSequence}, lowest sequence first
     */
    public synchronized List<OutboxEntry> pendingAfter(long afterSequence, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return query("SELECT seq, tx_id, tx, kpi_code, record_time, source_ref, state, attempts FROM outbox"
                + " WHERE state = 'PENDING' AND seq > " + afterSequence + " ORDER BY seq LIMIT " + limit, SiteStore::readEntry);
    }

    /**
     * @param sequence a sequence number
     * @return the DER record sealed under it
     */
    public synchronized Optional<byte[]> recordOf(long sequence) {
        List<byte[]> r = query("SELECT record_der FROM outbox WHERE seq = " + sequence, rs -> rs.getBytes(1));
        return r.stream().findFirst();
    }

    /**
     * @param sequence a sequence number
     * @return the stored confirmation of that entry, if confirmed
     */
    public synchronized Optional<Confirmation> confirmationOf(long sequence) {
        return query("SELECT height, tx_index, block_header, inclusion_proof FROM outbox WHERE state = 'CONFIRMED' AND seq = "
                + sequence, r -> new Confirmation(r.getLong(1), r.getInt(2), r.getBytes(3), r.getBytes(4)))
                .stream().findFirst();
    }

    /**
     * Marks an entry confirmed and keeps the proof. Call only after verifying the proof.
     *
     * @param sequence the entry
     * @param confirmation what the chain proved
     * @param now the current time
     */
    public void confirm(long sequence, Confirmation confirmation, Instant now) {
        inTransaction(u -> {
            try (PreparedStatement s = connection.prepareStatement("UPDATE outbox SET state = 'CONFIRMED', height = ?,"
                    + " tx_index = ?, block_header = ?, inclusion_proof = ?, confirmed_at = ?, last_error = NULL WHERE seq = ?")) {
                s.setLong(1, confirmation.height());
                s.setInt(2, confirmation.index());
                s.setBytes(3, confirmation.blockHeader());
                s.setBytes(4, confirmation.inclusionProof());
                s.setObject(5, odt(now));
                s.setLong(6, sequence);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Replaces a pending entry's transaction by a new sealing of the same record under the same
     * sequence number. Only for an entry the chain refused outright, so the old bytes can never
     * commit.
     *
     * @param sequence the entry
     * @param txId the new transaction's id
     * @param transaction the new transaction bytes
     */
    public void reseal(long sequence, TxId txId, byte[] transaction) {
        inTransaction(u -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE outbox SET tx_id = ?, tx = ? WHERE seq = ? AND state = 'PENDING'")) {
                s.setBytes(1, txId.bytes());
                s.setBytes(2, transaction);
                s.setLong(3, sequence);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Counts a failed upload attempt.
     *
     * @param sequence the entry
     * @param error what went wrong, one line
     */
    public void recordAttempt(long sequence, String error) {
        inTransaction(u -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?")) {
                s.setString(1, truncate(error, 1024));
                s.setLong(2, sequence);
                return s.executeUpdate();
            }
        });
    }

    /** @return the outbox, quarantine and consolidation counts */
    public synchronized StoreStatus status() {
        long pending = count("SELECT COUNT(*) FROM outbox WHERE state = 'PENDING'");
        long confirmed = count("SELECT COUNT(*) FROM outbox WHERE state = 'CONFIRMED'");
        long lastConfirmed = count("SELECT COALESCE(MAX(seq), -1) FROM outbox WHERE state = 'CONFIRMED'");
        long last = count("SELECT COALESCE(MAX(seq), -1) FROM outbox");
        long quarantined = count("SELECT COUNT(*) FROM quarantine WHERE released_at IS NULL");
        Map<String, Long> reasons = new LinkedHashMap<>();
        query("SELECT reason_code, COUNT(*) FROM quarantine WHERE released_at IS NULL GROUP BY reason_code ORDER BY 2 DESC, 1",
                r -> reasons.put(r.getString(1), r.getLong(2)));
        long open = count("SELECT COUNT(*) FROM intermediate");
        return new StoreStatus(pending, confirmed, lastConfirmed, last, quarantined, reasons, open);
    }

    /**
     * @param includeReleased whether to list released rows too
     * @return quarantined rows, oldest first
     */
    public synchronized List<QuarantinedRow> quarantined(boolean includeReleased) {
        return query("SELECT id, source, reference, row_text, reason_code, reason, created_at, released_at FROM quarantine"
                + (includeReleased ? "" : " WHERE released_at IS NULL") + " ORDER BY id", r -> new QuarantinedRow(r.getLong(1),
                r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), instant(r, 7),
                Optional.ofNullable(r.getObject(8, OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
    }

    /**
     * Marks a quarantined row as reviewed and released: it no longer counts as open. The row is
     * not fed back automatically; fix the source and drop it in again.
     *
     * @param id the quarantine entry
     * @param now the current time
     * @return whether an open entry with that id existed
     */
    public boolean release(long id, Instant now) {
        return inTransaction(u -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE quarantine SET released_at = ? WHERE id = ? AND released_at IS NULL")) {
                s.setObject(1, odt(now));
                s.setLong(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing the site store: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    private <T> List<T> query(String sql, RowReader<T> reader) {
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (r.next()) {
                out.add(reader.read(r));
            }
            connection.commit();
            return out;
        } catch (SQLException e) {
            throw new StoreException("site store: " + e.getMessage(), e);
        }
    }

    private long count(String sql) {
        return query(sql, r -> r.getLong(1)).get(0);
    }

    private static OutboxEntry readEntry(ResultSet r) throws SQLException {
        return new OutboxEntry(r.getLong(1), TxId.wrap(r.getBytes(2)), r.getBytes(3), r.getString(4), instant(r, 5),
                r.getString(6), OutboxEntry.State.valueOf(r.getString(7)), r.getInt(8));
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

}
