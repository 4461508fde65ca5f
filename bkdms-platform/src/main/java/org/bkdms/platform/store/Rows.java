package org.bkdms.platform.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.storage.KpiStorageRecord;
import org.bkdms.ledger.contracts.SiteEntry;
import org.bkdms.ledger.tx.TxId;
import org.bkdms.platform.verification.EvidenceReason;

/** The rows the platform writes for each verified block, one record type per table. */
public final class Rows {
    private Rows() {
    }

    /**
     * A verified block ({@code ledger_block}).
     *
     * @param chainId the chain
     * @param height its height
     * @param hash its hash
     * @param previousHash the previous block's hash
     * @param merkleRoot its Merkle root
     * @param time its time
     * @param txCount its transactions
     * @param logOffset where its payload starts in the block log
     * @param logLength the payload's length
     * @param proposer the node that proposed it
     */
    public record BlockRow(String chainId, long height, byte[] hash, byte[] previousHash, byte[] merkleRoot, Instant time,
            int txCount, long logOffset, long logLength, String proposer) {
    }

    /**
     * A Table 10-3 storage record with the columns that index it ({@code kpi_storage}).
     *
     * @param record the storage record
     * @param height its block
     * @param index its position in the block
     * @param txId its transaction
     * @param siteId the submitting site
     * @param siteSequence the submission's sequence number
     * @param submittedAt when the site submitted it
     * @param blockTime its block's time
     * @param verified whether its packet passed every check (otherwise it has an evidence row)
     */
    public record StorageRow(KpiStorageRecord record, long height, int index, TxId txId, SiteId siteId, long siteSequence,
            Instant submittedAt, Instant blockTime, boolean verified) {
        /**
         * Checks the parts.
         *
         * @param record see {@link #record()}
         * @param height see {@link #height()}
         * @param index see {@link #index()}
         * @param txId see {@link #txId()}
         * @param siteId see {@link #siteId()}
         * @param siteSequence see {@link #siteSequence()}
         * @param submittedAt see {@link #submittedAt()}
         * @param blockTime see {@link #blockTime()}
         * @param verified see {@link #verified()}
         */
        public StorageRow {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(siteId, "siteId");
        }

        /** @return the tracing code */
        public TracingCode tracingCode() {
            return TracingCode.decode(record.tracingCode());
        }
    }

    /**
     * One decrypted KPI value ({@code kpi_observation}).
     *
     * @param tracingCode the storage record it came from
     * @param chainId its chain
     * @param siteId the site
     * @param countryCode ISO 3166-1 numeric country
     * @param cityScheme the city's coding scheme
     * @param cityCode the city's code
     * @param kpiCode the KPI
     * @param series the data series
     * @param valueKind {@code DECIMAL} or {@code BOOLEAN}
     * @param value the exact value (1 or 0 for yes/no), or {@code null}
     * @param valueText the value as reported (scale kept; {@code yes}/{@code no})
     * @param unit the unit
     * @param observedAt the record's time
     * @param recordSequence the record's own sequence number, if it carries one
     * @param qualityFlags the record's quality flags, comma-separated
     * @param siteSequence the submission's sequence number
     * @param height the block
     * @param blockTime the block's time
     */
    public record ObservationRow(byte[] tracingCode, String chainId, String siteId, int countryCode, String cityScheme,
            String cityCode, String kpiCode, String series, String valueKind, BigDecimal value, String valueText, String unit,
            Instant observedAt, Long recordSequence, String qualityFlags, long siteSequence, long height, Instant blockTime) {
    }

    /**
     * A submission whose packet failed a check ({@code kpi_evidence}).
     *
     * @param tracingCode its storage record
     * @param chainId its chain
     * @param height its block
     * @param index its position
     * @param siteId the submitting site
     * @param reason which check failed
     * @param detail what exactly
     */
    public record EvidenceRow(byte[] tracingCode, String chainId, long height, int index, String siteId,
            EvidenceReason reason, String detail) {
    }

    /**
     * A version of a site's registry entry ({@code site_version}).
     *
     * @param chainId the chain
     * @param versionNo its number in the site's history, from 0
     * @param entry the entry
     */
    public record SiteVersionRow(String chainId, int versionNo, SiteEntry entry) {
    }

    /**
     * A platform key in a chain's key directory ({@code platform_key}).
     *
     * @param chainId the chain
     * @param keyId the key
     * @param suite its suite
     * @param sinceHeight the block that published it
     */
    public record PlatformKeyRow(String chainId, KeyId keyId, int suite, long sinceHeight) {
    }

    /**
     * A collection policy version the contracts accepted ({@code collection_policy}).
     *
     * @param chainId the chain
     * @param siteId the site
     * @param sinceHeight the block that published it
     * @param effectiveFrom that block's time, from which the policy applies
     * @param periodSeconds the reporting period
     * @param kpiCodes the KPIs, canonical
     */
    public record PolicyRow(String chainId, String siteId, long sinceHeight, Instant effectiveFrom, long periodSeconds,
            List<String> kpiCodes) {
        /**
         * Copies the list.
         *
         * @param chainId see {@link #chainId()}
         * @param siteId see {@link #siteId()}
         * @param sinceHeight see {@link #sinceHeight()}
         * @param effectiveFrom see {@link #effectiveFrom()}
         * @param periodSeconds see {@link #periodSeconds()}
         * @param kpiCodes see {@link #kpiCodes()}
         */
        public PolicyRow {
            kpiCodes = List.copyOf(kpiCodes);
        }
    }

    /**
     * A misbehaviour report the ledger put on chain ({@code misbehaviour_report}).
     *
     * @param chainId the chain
     * @param height its block
     * @param index its position in the block
     * @param siteId the site reported
     * @param kind what the site did
     * @param observedAt when the ledger saw it
     */
    public record MisbehaviourRow(String chainId, long height, int index, String siteId, String kind, Instant observedAt) {
    }

    /**
     * Everything one verified block adds to the database.
     *
     * @param block the block
     * @param storage its KPI submissions
     * @param observations their decrypted values
     * @param evidence the submissions that failed a check
     * @param siteVersions registry versions the block made
     * @param platformKeys platform keys the block published
     * @param policies collection policies the block published
     * @param misbehaviour misbehaviour reports in the block
     */
    public record ExtractedBlock(BlockRow block, List<StorageRow> storage, List<ObservationRow> observations,
            List<EvidenceRow> evidence, List<SiteVersionRow> siteVersions, List<PlatformKeyRow> platformKeys,
            List<PolicyRow> policies, List<MisbehaviourRow> misbehaviour) {
        /**
         * Copies the lists.
         *
         * @param block see {@link #block()}
         * @param storage see {@link #storage()}
         * @param observations see {@link #observations()}
         * @param evidence see {@link #evidence()}
         * @param siteVersions see {@link #siteVersions()}
         * @param platformKeys see {@link #platformKeys()}
         * @param policies see {@link #policies()}
         * @param misbehaviour see {@link #misbehaviour()}
         */
        public ExtractedBlock {
            Objects.requireNonNull(block, "block");
            storage = List.copyOf(storage);
            observations = List.copyOf(observations);
            evidence = List.copyOf(evidence);
            siteVersions = List.copyOf(siteVersions);
            platformKeys = List.copyOf(platformKeys);
            policies = List.copyOf(policies);
            misbehaviour = List.copyOf(misbehaviour);
        }
    }

    /**
     * Where extraction of a chain stands.
     *
     * @param chainId the chain
     * @param nextHeight the next block to store
     * @param lastBlockHash the hash of the last block stored, or {@code null} if none
     */
    public record Cursor(String chainId, long nextHeight, byte[] lastBlockHash) {
    }
}
