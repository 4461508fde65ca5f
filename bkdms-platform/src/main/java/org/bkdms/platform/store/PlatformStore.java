package org.bkdms.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.storage.KpiStorageRecord;
import org.bkdms.core.storage.Recorder;
import org.bkdms.platform.store.Rows.BlockRow;
import org.bkdms.platform.store.Rows.Cursor;
import org.bkdms.platform.store.Rows.EvidenceRow;
import org.bkdms.platform.store.Rows.ExtractedBlock;
import org.bkdms.platform.store.Rows.ObservationRow;
import org.bkdms.platform.store.Rows.PlatformKeyRow;
import org.bkdms.platform.store.Rows.SiteVersionRow;
import org.bkdms.platform.store.Rows.StorageRow;
import org.bkdms.platform.verification.EvidenceReason;

/**
 * Reads and writes the platform's tables. Writes of extracted blocks are atomic with the chain's
 * cursor: a batch of blocks and the cursor move past them in one database transaction, so after a
 * crash extraction resumes exactly where the last committed batch ended, with no row lost or
 * written twice (the unique constraints on position and tracing code would refuse a second copy).
 * Thread-safe; each call uses its own pooled connection.
 */
public final class PlatformStore {
    private static final String STORAGE_COLUMNS = "chain_id, block_height, tx_index, tx_id, site_id, site_sequence, "
            + "submitted_at, block_time, data_offset, data_length, block_offset, block_length, city_data, tracing_code, "
            + "check_code, verified";

    private final PlatformDatabase db;

    /** @param db the database */
    public PlatformStore(PlatformDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** @return the database */
    public PlatformDatabase database() {
        return db;
    }

    /**
     * @param chainId a chain
     * @return where its extraction stands, if it has started
     * @throws SQLException if the database fails
     */
    public Optional<Cursor> cursor(String chainId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT next_height, last_block_hash FROM chain_cursor WHERE chain_id = ?")) {
            s.setString(1, chainId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Cursor(chainId, r.getLong(1), r.getBytes(2))) : Optional.empty();
            }
        }
    }

    /**
     * @return every chain's cursor
     * @throws SQLException if the database fails
     */
    public List<Cursor> cursors() throws SQLException {
        List<Cursor> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT chain_id, next_height, last_block_hash FROM chain_cursor ORDER BY chain_id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Cursor(r.getString(1), r.getLong(2), r.getBytes(3)));
            }
        }
        return out;
    }

    /**
     * Stores consecutive blocks of one chain and moves its cursor past them, in one transaction.
     *
     * @param chainId the chain
     * @param blocks consecutive blocks, starting at the cursor's next height
     * @throws SQLException if the database fails (nothing is stored then)
     * @throws IllegalStateException if the blocks do not start at the cursor (another writer moved it)
     */
    public void commit(String chainId, List<ExtractedBlock> blocks) throws SQLException {
        if (blocks.isEmpty()) {
            return;
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                write(c, chainId, blocks);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void write(Connection c, String chainId, List<ExtractedBlock> blocks) throws SQLException {
        long first = blocks.get(0).block().height();
        ExtractedBlock lastBlock = blocks.get(blocks.size() - 1);
        long next = lastBlock.block().height() + 1;
        OffsetDateTime now = time(Instant.now());
        int moved;
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE chain_cursor SET next_height = ?, last_block_hash = ?, updated_at = ? WHERE chain_id = ? AND next_height = ?")) {
            s.setLong(1, next);
            s.setBytes(2, lastBlock.block().hash());
            s.setObject(3, now);
            s.setString(4, chainId);
            s.setLong(5, first);
            moved = s.executeUpdate();
        }
        if (moved == 0) {
            if (first != 0) {
                throw new IllegalStateException("chain " + chainId + ": the cursor is not at block " + first);
            }
            // first batch of a chain; the primary key refuses a second writer doing the same
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO chain_cursor (chain_id, next_height, last_block_hash, updated_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, chainId);
                s.setLong(2, next);
                s.setBytes(3, lastBlock.block().hash());
                s.setObject(4, now);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_block (chain_id, height, block_hash, previous_hash, "
                + "merkle_root, block_time, tx_count, log_offset, log_length, proposer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ExtractedBlock b : blocks) {
                BlockRow r = b.block();
                s.setString(1, r.chainId());
                s.setLong(2, r.height());
                s.setBytes(3, r.hash());
                s.setBytes(4, r.previousHash());
                s.setBytes(5, r.merkleRoot());
                s.setObject(6, time(r.time()));
                s.setInt(7, r.txCount());
                s.setLong(8, r.logOffset());
                s.setLong(9, r.logLength());
                s.setString(10, r.proposer());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kpi_storage (" + STORAGE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ExtractedBlock b : blocks) {
                for (StorageRow r : b.storage()) {
                    KpiStorageRecord k = r.record();
                    s.setString(1, k.chainId());
                    s.setLong(2, r.height());
                    s.setInt(3, r.index());
                    s.setBytes(4, r.txId().bytes());
                    s.setString(5, r.siteId().toString());
                    s.setLong(6, r.siteSequence());
                    s.setObject(7, time(r.submittedAt()));
                    s.setObject(8, time(r.blockTime()));
                    s.setLong(9, k.dataRecorder().offset());
                    s.setLong(10, k.dataRecorder().length());
                    s.setLong(11, k.blockRecorder().offset());
                    s.setLong(12, k.blockRecorder().length());
                    s.setBytes(13, k.cityData());
                    s.setBytes(14, k.tracingCode());
                    s.setBytes(15, k.checkCode());
                    s.setBoolean(16, r.verified());
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kpi_observation (tracing_code, chain_id, site_id, "
                + "country_code, city_scheme, city_code, kpi_code, series, value_kind, value_decimal, value_text, unit, "
                + "observed_at, record_sequence, quality_flags, site_sequence, block_height, block_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ExtractedBlock b : blocks) {
                for (ObservationRow o : b.observations()) {
                    s.setBytes(1, o.tracingCode());
                    s.setString(2, o.chainId());
                    s.setString(3, o.siteId());
                    s.setInt(4, o.countryCode());
                    s.setString(5, o.cityScheme());
                    s.setString(6, o.cityCode());
                    s.setString(7, o.kpiCode());
                    s.setString(8, o.series());
                    s.setString(9, o.valueKind());
                    s.setBigDecimal(10, o.value());
                    s.setString(11, o.valueText());
                    s.setString(12, o.unit());
                    s.setObject(13, time(o.observedAt()));
                    if (o.recordSequence() == null) {
                        s.setNull(14, Types.BIGINT);
                    } else {
                        s.setLong(14, o.recordSequence());
                    }
                    s.setString(15, o.qualityFlags());
                    s.setLong(16, o.siteSequence());
                    s.setLong(17, o.height());
                    s.setObject(18, time(o.blockTime()));
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kpi_evidence (tracing_code, chain_id, block_height, "
                + "tx_index, site_id, reason, detail, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ExtractedBlock b : blocks) {
                for (EvidenceRow e : b.evidence()) {
                    s.setBytes(1, e.tracingCode());
                    s.setString(2, e.chainId());
                    s.setLong(3, e.height());
                    s.setInt(4, e.index());
                    s.setString(5, e.siteId());
                    s.setString(6, e.reason().name());
                    s.setString(7, e.detail());
                    s.setObject(8, now);
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_version (chain_id, site_id, version_no, since_height, "
                + "name, status, signing_key_id, signing_key, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ExtractedBlock b : blocks) {
                for (SiteVersionRow v : b.siteVersions()) {
                    s.setString(1, v.chainId());
                    s.setString(2, v.entry().siteId().toString());
                    s.setInt(3, v.versionNo());
                    s.setLong(4, v.entry().sinceHeight());
                    s.setString(5, v.entry().name());
                    s.setString(6, v.entry().status().name());
                    s.setBytes(7, v.entry().signingKey().keyId().bytes());
                    s.setBytes(8, v.entry().signingKey().subjectPublicKeyInfo());
                    s.setString(9, v.entry().reason());
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO platform_key (chain_id, key_id, suite, since_height) VALUES (?, ?, ?, ?)")) {
            int n = 0;
            for (ExtractedBlock b : blocks) {
                for (PlatformKeyRow k : b.platformKeys()) {
                    s.setString(1, k.chainId());
                    s.setBytes(2, k.keyId().bytes());
                    s.setInt(3, k.suite());
                    s.setLong(4, k.sinceHeight());
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO collection_policy (chain_id, site_id, since_height, "
                + "effective_from, period_seconds, kpi_codes) VALUES (?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ExtractedBlock b : blocks) {
                for (Rows.PolicyRow p : b.policies()) {
                    s.setString(1, p.chainId());
                    s.setString(2, p.siteId());
                    s.setLong(3, p.sinceHeight());
                    s.setObject(4, time(p.effectiveFrom()));
                    s.setLong(5, p.periodSeconds());
                    s.setString(6, String.join(",", p.kpiCodes()));
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO misbehaviour_report (chain_id, block_height, tx_index, "
                + "site_id, kind, observed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ExtractedBlock b : blocks) {
                for (Rows.MisbehaviourRow m : b.misbehaviour()) {
                    s.setString(1, m.chainId());
                    s.setLong(2, m.height());
                    s.setInt(3, m.index());
                    s.setString(4, m.siteId());
                    s.setString(5, m.kind());
                    s.setObject(6, time(m.observedAt()));
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
    }

    // ------------------------------------------------------------------------------------ reads

    /**
     * A stored Table 10-3 row with its index columns, exactly as read back: a row that someone edited
     * into an impossible shape is still readable, so that the audit can name it.
     *
     * @param id its database id
     * @param chainId the chain id column
     * @param height the block height column
     * @param index the transaction index column
     * @param txId the transaction id column
     * @param siteId the site column
     * @param siteSequence the submission's sequence number
     * @param submittedAt when the site submitted it
     * @param blockTime its block's time
     * @param dataOffset data recorder offset
     * @param dataLength data recorder length
     * @param blockOffset block recorder offset
     * @param blockLength block recorder length
     * @param cityData the city data (encrypted packet)
     * @param tracingCode the tracing code
     * @param checkCode the check code
     * @param verified whether its packet passed every check
     */
    public record StoredRow(long id, String chainId, long height, int index, byte[] txId, String siteId, long siteSequence,
            Instant submittedAt, Instant blockTime, long dataOffset, long dataLength, long blockOffset, long blockLength,
            byte[] cityData, byte[] tracingCode, byte[] checkCode, boolean verified) {

        /** @return the tracing code in text form */
        public String tracingCodeText() {
            return java.util.HexFormat.of().formatHex(tracingCode);
        }

        /**
         * @return the row as a Table 10-3 record
         * @throws org.bkdms.core.error.BkdmsException if the row was edited into something no record can be
         */
        public KpiStorageRecord toStorageRecord() {
            return new KpiStorageRecord(new Recorder(dataOffset, dataLength), new Recorder(blockOffset, blockLength), cityData,
                    chainId, tracingCode, checkCode);
        }
    }

    /**
     * @param tracingCode an encoded tracing code
     * @return the stored row with that code
     * @throws SQLException if the database fails
     */
    public Optional<StoredRow> findByTracingCode(byte[] tracingCode) throws SQLException {
        List<StoredRow> rows = query("SELECT id, " + STORAGE_COLUMNS + " FROM kpi_storage WHERE tracing_code = ?",
                s -> s.setBytes(1, tracingCode));
        return rows.stream().findFirst();
    }

    /**
     * @param chainId a chain
     * @param height a block height
     * @return the rows stored for that block, by index
     * @throws SQLException if the database fails
     */
    public List<StoredRow> rowsAt(String chainId, long height) throws SQLException {
        return query("SELECT id, " + STORAGE_COLUMNS + " FROM kpi_storage WHERE chain_id = ? AND block_height = ? ORDER BY tx_index",
                s -> {
                    s.setString(1, chainId);
                    s.setLong(2, height);
                });
    }

    /**
     * @param chainId a chain
     * @param fromHeight a block height
     * @return the rows stored for that chain at or above the height
     * @throws SQLException if the database fails
     */
    public List<StoredRow> rowsFrom(String chainId, long fromHeight) throws SQLException {
        return query("SELECT id, " + STORAGE_COLUMNS + " FROM kpi_storage WHERE chain_id = ? AND block_height >= ? "
                + "ORDER BY block_height, tx_index", s -> {
                    s.setString(1, chainId);
                    s.setLong(2, fromHeight);
                });
    }

    /**
     * @param chainIds the chains the platform follows
     * @return rows stored under any other chain id
     * @throws SQLException if the database fails
     */
    public List<StoredRow> rowsOfOtherChains(List<String> chainIds) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(Math.max(1, chainIds.size()), "?"));
        return query("SELECT id, " + STORAGE_COLUMNS + " FROM kpi_storage WHERE chain_id NOT IN (" + marks + ") ORDER BY id",
                s -> {
                    for (int i = 0; i < Math.max(1, chainIds.size()); i++) {
                        s.setString(i + 1, chainIds.isEmpty() ? "" : chainIds.get(i));
                    }
                });
    }

    /**
     * @param chainId a chain
     * @param height a block height
     * @return the stored block
     * @throws SQLException if the database fails
     */
    public Optional<BlockRow> block(String chainId, long height) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT block_hash, previous_hash, merkle_root, block_time, tx_count, "
                     + "log_offset, log_length, proposer FROM ledger_block WHERE chain_id = ? AND height = ?")) {
            s.setString(1, chainId);
            s.setLong(2, height);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BlockRow(chainId, height, r.getBytes(1), r.getBytes(2), r.getBytes(3),
                        instant(r, 4), r.getInt(5), r.getLong(6), r.getLong(7), r.getString(8)));
            }
        }
    }

    /**
     * A stored version of a site's registry entry.
     *
     * @param chainId the chain
     * @param siteId the site
     * @param versionNo its number, from 0
     * @param sinceHeight the block that made it
     * @param name the site's name
     * @param status its status
     * @param signingKeyId the id of its signing key
     * @param reason why the change was made
     */
    public record SiteVersion(String chainId, String siteId, int versionNo, long sinceHeight, String name, String status,
            String signingKeyId, String reason) {
    }

    /**
     * @param chainId a chain, or {@code null} for every chain
     * @param site a site, or {@code null} for every site
     * @return the registry versions stored, by chain, site and version
     * @throws SQLException if the database fails
     */
    public List<SiteVersion> siteVersions(String chainId, SiteId site) throws SQLException {
        List<SiteVersion> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT chain_id, site_id, version_no, since_height, name, status, "
                     + "signing_key_id, reason FROM site_version WHERE (? IS NULL OR chain_id = ?) AND (? IS NULL OR site_id = ?) "
                     + "ORDER BY chain_id, site_id, version_no")) {
            s.setString(1, chainId);
            s.setString(2, chainId);
            s.setString(3, site == null ? null : site.toString());
            s.setString(4, site == null ? null : site.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SiteVersion(r.getString(1), r.getString(2), r.getInt(3), r.getLong(4), r.getString(5),
                            r.getString(6), java.util.HexFormat.of().formatHex(r.getBytes(7)), r.getString(8)));
                }
            }
        }
        return out;
    }

    /**
     * @param chainId a chain
     * @param siteId a site
     * @param keyId the id of a signing key
     * @return that signing key (SubjectPublicKeyInfo), if the site's registry ever held it
     * @throws SQLException if the database fails
     */
    public Optional<byte[]> siteSigningKey(String chainId, String siteId, byte[] keyId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT signing_key FROM site_version WHERE chain_id = ? AND site_id = ? "
                     + "AND signing_key_id = ? ORDER BY version_no FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, chainId);
            s.setString(2, siteId);
            s.setBytes(3, keyId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    /**
     * @param txId a transaction id
     * @return the tracing code (hexadecimal) of the stored record of that transaction
     * @throws SQLException if the database fails
     */
    public Optional<String> tracingCodeOf(byte[] txId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT tracing_code FROM kpi_storage WHERE tx_id = ?")) {
            s.setBytes(1, txId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(java.util.HexFormat.of().formatHex(r.getBytes(1))) : Optional.empty();
            }
        }
    }

    /**
     * @return evidence rows per reason, every reason listed (zero if none)
     * @throws SQLException if the database fails
     */
    public Map<EvidenceReason, Long> evidenceCounts() throws SQLException {
        Map<EvidenceReason, Long> out = new EnumMap<>(EvidenceReason.class);
        for (EvidenceReason r : EvidenceReason.values()) {
            out.put(r, 0L);
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT reason, COUNT(*) FROM kpi_evidence GROUP BY reason");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(EvidenceReason.valueOf(r.getString(1)), r.getLong(2));
            }
        }
        return out;
    }

    /**
     * @param tracingCode a storage record's tracing code
     * @return its evidence row, if its packet failed a check
     * @throws SQLException if the database fails
     */
    public Optional<EvidenceRow> evidence(byte[] tracingCode) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT chain_id, block_height, tx_index, site_id, reason, detail "
                     + "FROM kpi_evidence WHERE tracing_code = ?")) {
            s.setBytes(1, tracingCode);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new EvidenceRow(tracingCode, r.getString(1), r.getLong(2), r.getInt(3),
                        r.getString(4), EvidenceReason.valueOf(r.getString(5)), r.getString(6))) : Optional.empty();
            }
        }
    }

    /**
     * @return how many stored records passed every check and were decrypted into observations (one
     *     tracing code each, however many series the record carries)
     * @throws SQLException if the database fails
     */
    public long verifiedRecords() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(DISTINCT tracing_code) FROM kpi_observation");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * @param table one of the platform's tables
     * @return its row count
     * @throws SQLException if the database fails
     */
    public long count(String table) throws SQLException {
        if (!List.of("kpi_storage", "kpi_observation", "kpi_evidence", "ledger_block", "site_version", "platform_key",
                "collection_policy", "misbehaviour_report")
                .contains(table)) {
            throw new IllegalArgumentException("unknown table " + table);
        }
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private List<StoredRow> query(String sql, Binder binder) throws SQLException {
        List<StoredRow> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(readRow(r));
                }
            }
        }
        return out;
    }

    private static StoredRow readRow(ResultSet r) throws SQLException {
        return new StoredRow(r.getLong(1), r.getString(2), r.getLong(3), r.getInt(4), r.getBytes(5), r.getString(6),
                r.getLong(7), instant(r, 8), instant(r, 9), r.getLong(10), r.getLong(11), r.getLong(12), r.getLong(13),
                r.getBytes(14), r.getBytes(15), r.getBytes(16), r.getBoolean(17));
    }

    static OffsetDateTime time(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
