package org.bkdms.platform.extraction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.storage.KpiStorageRecord;
import org.bkdms.core.storage.Recorder;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.Span;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.contracts.SiteEntry;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.MisbehaviourReport;
import org.bkdms.platform.store.CheckCode;
import org.bkdms.platform.store.Rows;
import org.bkdms.platform.store.Rows.BlockRow;
import org.bkdms.platform.store.Rows.EvidenceRow;
import org.bkdms.platform.store.Rows.ExtractedBlock;
import org.bkdms.platform.store.Rows.ObservationRow;
import org.bkdms.platform.store.Rows.PlatformKeyRow;
import org.bkdms.platform.store.Rows.SiteVersionRow;
import org.bkdms.platform.store.Rows.StorageRow;
import org.bkdms.platform.store.TracingCode;
import org.bkdms.platform.verification.PacketVerifier;
import org.bkdms.platform.verification.VerificationOutcome;

/**
 * Turns one verified block into the rows the platform stores: a Table 10-3 storage record for every
 * KPI submission (with its tracing and check codes), the decrypted observations of the packets that
 * pass every check, evidence for those that do not, and the registry versions and platform keys the
 * block's admin transactions made. Stateless apart from its verifier; thread-safe.
 */
public final class BlockExtractor {
    private final PacketVerifier verifier;

    /** @param verifier decrypts and checks packets */
    public BlockExtractor(PacketVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The Table 10-3 record of a committed submission, computed from the chain alone.
     *
     * @param chainId the chain
     * @param block the block
     * @param position the block's position in the block log
     * @param index the submission's index in the block
     * @return the storage record
     * @throws IllegalArgumentException if that transaction is not a KPI submission
     */
    public static KpiStorageRecord storageRecord(String chainId, Block block, BlockPosition position, int index) {
        LedgerTransaction tx = block.transactions().get(index);
        if (!(tx.body() instanceof KpiSubmission s)) {
            throw new IllegalArgumentException("transaction " + index + " of block " + block.height() + " is not a submission");
        }
        Span span = block.packetSpan(index).orElseThrow();
        Recorder data = new Recorder(span.offset(), span.length());
        Recorder blockRecorder = position.toRecorder();
        byte[] cityData = s.packetDer();
        byte[] tracing = TracingCode.of(chainId, block.height(), index, tx.id()).encode();
        byte[] check = CheckCode.compute(data, blockRecorder, cityData, chainId, tracing, block.hash());
        return new KpiStorageRecord(data, blockRecorder, cityData, chainId, tracing, check);
    }

    /**
     * What of the contract state one block's extraction needs, read on the verifier's thread so
     * that decryption can run on others while the verifier moves on.
     *
     * @param chainId the chain
     * @param block the verified block
     * @param position its position in the block log
     * @param signers per transaction index of a KPI submission, the site's registry entries in force during the block
     * @param siteVersions registry versions the block made
     * @param platformKeys platform keys the block published
     * @param policies collection policies the block published
     * @param misbehaviour misbehaviour reports in the block
     */
    public record Prepared(String chainId, Block block, BlockPosition position, Map<Integer, List<SiteEntry>> signers,
            List<SiteVersionRow> siteVersions, List<PlatformKeyRow> platformKeys, List<Rows.PolicyRow> policies,
            List<Rows.MisbehaviourRow> misbehaviour) {
    }

    /**
     * @param chainId the chain
     * @param block a block that the chain verifier has just verified and applied
     * @param position its position in the block log
     * @param state the contract state after the block
     * @return the rows to store
     */
    public ExtractedBlock extract(String chainId, Block block, BlockPosition position, ContractState state) {
        return finish(prepare(chainId, block, position, state));
    }

    /**
     * Reads what the block's extraction needs from the contract state. Must run on the thread that
     * owns the state, right after the block was applied.
     *
     * @param chainId the chain
     * @param block the block, verified and applied
     * @param position its position in the block log
     * @param state the contract state after the block
     * @return the snapshot for {@link #finish}
     */
    public static Prepared prepare(String chainId, Block block, BlockPosition position, ContractState state) {
        long h = block.height();
        Map<Integer, List<SiteEntry>> signers = new java.util.HashMap<>();
        Set<SiteId> touched = new LinkedHashSet<>();
        boolean keysPublished = false;
        Set<SiteId> policyChanged = new LinkedHashSet<>();
        List<Rows.MisbehaviourRow> misbehaviour = new ArrayList<>();
        List<LedgerTransaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            LedgerTransaction tx = txs.get(i);
            if (tx.body() instanceof KpiSubmission s) {
                signers.put(i, PacketVerifier.entriesDuring(state.registry(), s, h));
            } else if (tx.body() instanceof AdminTransaction a) {
                AdminAction action = a.action();
                if (action instanceof AdminAction.RegisterSite r) {
                    touched.add(r.siteId());
                } else if (action instanceof AdminAction.ChangeSiteStatus c) {
                    touched.add(c.siteId());
                } else if (action instanceof AdminAction.RotateSiteKey r) {
                    touched.add(r.siteId());
                } else if (action instanceof AdminAction.PublishPlatformKey) {
                    keysPublished = true;
                } else if (action instanceof AdminAction.PublishCollectionPolicy p) {
                    policyChanged.add(p.siteId());
                }
            } else if (tx.body() instanceof MisbehaviourReport r) {
                touched.add(r.siteId());
                misbehaviour.add(new Rows.MisbehaviourRow(chainId, h, i, r.siteId().toString(), r.kind().name(), r.observedAt()));
            }
        }
        List<SiteVersionRow> versions = new ArrayList<>();
        for (SiteId site : touched) {
            List<SiteEntry> history = state.registry().history(site);
            for (int v = 0; v < history.size(); v++) {
                if (history.get(v).sinceHeight() == h) {
                    versions.add(new SiteVersionRow(chainId, v, history.get(v)));
                }
            }
        }
        List<PlatformKeyRow> keys = new ArrayList<>();
        if (keysPublished) {
            for (PlatformKeyEntry k : state.platformKeys()) {
                if (k.sinceHeight() == h) {
                    keys.add(new PlatformKeyRow(chainId, k.key().keyId(), k.key().suite().id(), h));
                }
            }
        }
        // the state after the block, not the action, so that only what the contracts accepted is kept
        List<Rows.PolicyRow> policies = new ArrayList<>();
        for (SiteId site : policyChanged) {
            state.policyAt(site, h).ifPresent(p -> policies.add(new Rows.PolicyRow(chainId, site.toString(), h,
                    block.header().time(), p.periodSeconds(), p.kpiCodes().stream().map(KpiCode::canonical).toList())));
        }
        return new Prepared(chainId, block, position, signers, versions, keys, policies, misbehaviour);
    }

    /**
     * Decrypts and checks the block's packets and builds its rows. Thread-safe; blocks may be
     * finished in parallel.
     *
     * @param p the snapshot from {@link #prepare}
     * @return the rows to store
     */
    public ExtractedBlock finish(Prepared p) {
        Block block = p.block();
        String chainId = p.chainId();
        long h = block.height();
        BlockRow blockRow = new BlockRow(chainId, h, block.hash(), block.header().previousHash(), block.header().merkleRoot(),
                block.header().time(), block.transactions().size(), p.position().offset(), p.position().length(),
                block.header().proposer());
        List<StorageRow> storage = new ArrayList<>();
        List<ObservationRow> observations = new ArrayList<>();
        List<EvidenceRow> evidence = new ArrayList<>();
        List<LedgerTransaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            LedgerTransaction tx = txs.get(i);
            if (!(tx.body() instanceof KpiSubmission s)) {
                continue;
            }
            KpiStorageRecord record = storageRecord(chainId, block, p.position(), i);
            VerificationOutcome outcome = verifier.verify(s, p.signers().get(i));
            boolean ok = outcome instanceof VerificationOutcome.Verified;
            storage.add(new StorageRow(record, h, i, tx.id(), s.siteId(), s.sequence(), s.submittedAt(), block.header().time(),
                    ok));
            if (outcome instanceof VerificationOutcome.Verified v) {
                observations.addAll(observations(record.tracingCode(), chainId, s, v.opened().record(), h, block));
            } else if (outcome instanceof VerificationOutcome.Failed f) {
                evidence.add(new EvidenceRow(record.tracingCode(), chainId, h, i, s.siteId().toString(), f.reason(), f.detail()));
            }
        }
        return new ExtractedBlock(blockRow, storage, observations, evidence, p.siteVersions(), p.platformKeys(), p.policies(),
                p.misbehaviour());
    }

    private static List<ObservationRow> observations(byte[] tracing, String chainId, KpiSubmission s, UnifiedKpiRecord r,
            long height, Block block) {
        List<ObservationRow> out = new ArrayList<>();
        String flags = r.extending().qualityFlags().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        Long recordSeq = r.extending().sequenceNumber().isPresent() ? r.extending().sequenceNumber().getAsLong() : null;
        for (Map.Entry<String, KpiValue> e : r.kpiData().values().entrySet()) {
            KpiValue v = e.getValue();
            BigDecimal exact;
            String text;
            if (v instanceof KpiValue.Decimal d) {
                exact = d.value();
                text = d.value().toPlainString();
            } else {
                boolean yes = ((KpiValue.Flag) v).value();
                exact = yes ? BigDecimal.ONE : BigDecimal.ZERO;
                text = yes ? "yes" : "no";
            }
            out.add(new ObservationRow(tracing, chainId, s.siteId().toString(), r.countryRegion().numeric(),
                    r.city().scheme().label(), r.city().code(), r.kpiData().code().canonical(), e.getKey(), v.kind().name(),
                    exact, text, r.kpiData().unit(), r.time(), recordSeq, flags, s.sequence(), height, block.header().time()));
        }
        return out;
    }
}
