package org.bkdms.platform.audit;

import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.storage.KpiStorageRecord;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.chain.ChainException;
import org.bkdms.ledger.chain.ChainVerifier;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.BlockSubscription;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.platform.PlatformException;
import org.bkdms.platform.extraction.BlockExtractor;
import org.bkdms.platform.store.PlatformStore;
import org.bkdms.platform.store.PlatformStore.StoredRow;
import org.bkdms.platform.store.Rows.BlockRow;
import org.bkdms.platform.store.Rows.Cursor;

/**
 * Audits the platform database against the chains (Y.4907 Appendix I, auditing): re-verifies each
 * chain from genesis with the ledger's {@link ChainVerifier}, recomputes the Table 10-3 record of
 * every KPI submission from the chain alone, and compares it field by field with the stored row.
 * Reports every modified row, every missing row, every row with no chain record, every stored
 * block that differs from the chain, and a chain that does not verify. Reads only. Thread-safe.
 */
public final class Auditor {
    private static final HexFormat HEX = HexFormat.of();

    private final PlatformStore store;
    private final CryptoSuites suites;
    private final KpiCatalogue catalogue;
    private final Duration timeout;

    /**
     * @param store the platform store
     * @param suites the suites the chains' contracts may allow
     * @param catalogue their KPI catalogue
     * @param timeout how long one chain's audit may take at most
     */
    public Auditor(PlatformStore store, CryptoSuites suites, KpiCatalogue catalogue, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.suites = Objects.requireNonNull(suites, "suites");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * @param chains a client per followed chain, by chain id
     * @return the report
     * @throws SQLException if the database fails
     * @throws PlatformException {@code UNAVAILABLE} if a chain cannot be read to its head in time
     */
    public AuditReport audit(Map<String, LedgerClient> chains) throws SQLException {
        List<Inconsistency> found = java.util.Collections.synchronizedList(new ArrayList<>());
        List<AuditReport.ChainSummary> summaries = new ArrayList<>();
        for (Map.Entry<String, LedgerClient> e : chains.entrySet()) {
            summaries.add(auditChain(e.getKey(), e.getValue(), found));
        }
        for (StoredRow r : store.rowsOfOtherChains(List.copyOf(chains.keySet()))) {
            found.add(new Inconsistency(Inconsistency.Kind.ORPHAN_ROW, r.chainId(), r.height(), r.index(), r.id(),
                    r.tracingCodeText(), "row of a chain this platform does not follow"));
        }
        return new AuditReport(summaries, found);
    }

    private AuditReport.ChainSummary auditChain(String chainId, LedgerClient client, List<Inconsistency> found)
            throws SQLException {
        long stored = store.cursor(chainId).map(Cursor::nextHeight).orElse(0L);
        long head = client.status().height();
        ChainVerifier verifier = new ChainVerifier(new ContractState(suites, catalogue), chainId);
        long[] rowsChecked = {0};
        long[] blocks = {0};
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (head == 0) {
            done.complete(null);
        }
        long end = head;
        BlockSubscription sub = head == 0 ? null : client.blocks(0, (block, position) -> {
            if (done.isDone()) {
                return;
            }
            try {
                Block b;
                try {
                    b = verifier.verify(block.encoded(), position);
                } catch (ChainException ex) {
                    found.add(new Inconsistency(Inconsistency.Kind.CHAIN_BREAK, chainId, ex.height(), -1, -1, "",
                            ex.getMessage()));
                    done.complete(null);
                    return;
                }
                blocks[0]++;
                if (b.height() < stored) {
                    rowsChecked[0] += compareBlock(chainId, b, position, found);
                }
                if (b.height() + 1 >= end) {
                    done.complete(null);
                }
            } catch (SQLException | RuntimeException ex) {
                done.completeExceptionally(ex);
            }
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PlatformException(PlatformException.Kind.UNAVAILABLE, "audit interrupted");
        } catch (TimeoutException ex) {
            throw new PlatformException(PlatformException.Kind.UNAVAILABLE, "chain " + chainId + " could not be read to its head "
                    + head + " within " + timeout, ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new PlatformException(PlatformException.Kind.UNAVAILABLE, "audit of " + chainId + " failed: "
                    + ex.getCause().getMessage(), ex.getCause());
        } finally {
            if (sub != null) {
                sub.close();
            }
        }
        long verified = verifier.nextHeight();
        if (stored > head) {
            found.add(new Inconsistency(Inconsistency.Kind.CHAIN_BREAK, chainId, head, -1, -1, "", "the chain has " + head
                    + " blocks but the platform stored " + stored));
        }
        for (StoredRow r : store.rowsFrom(chainId, Math.min(verified, stored))) {
            found.add(new Inconsistency(Inconsistency.Kind.ORPHAN_ROW, chainId, r.height(), r.index(), r.id(),
                    r.tracingCodeText(), "no verified chain record at this height"));
        }
        return new AuditReport.ChainSummary(chainId, blocks[0], rowsChecked[0], stored);
    }

    /** Compares one verified block with what is stored for it; returns the rows compared. */
    private long compareBlock(String chainId, Block b, BlockPosition position, List<Inconsistency> found) throws SQLException {
        long h = b.height();
        BlockRow storedBlock = store.block(chainId, h).orElse(null);
        if (storedBlock == null) {
            found.add(new Inconsistency(Inconsistency.Kind.BLOCK_MISMATCH, chainId, h, -1, -1, "", "block is not stored"));
        } else if (!MessageDigest.isEqual(storedBlock.hash(), b.hash()) || storedBlock.logOffset() != position.offset()
                || storedBlock.logLength() != position.length()) {
            found.add(new Inconsistency(Inconsistency.Kind.BLOCK_MISMATCH, chainId, h, -1, -1, "",
                    "stored block hash or position differs from the chain's"));
        }
        Map<Integer, StoredRow> rows = new HashMap<>();
        for (StoredRow r : store.rowsAt(chainId, h)) {
            if (rows.put(r.index(), r) != null) {
                found.add(new Inconsistency(Inconsistency.Kind.ORPHAN_ROW, chainId, h, r.index(), r.id(), r.tracingCodeText(),
                        "second row for one transaction"));
            }
        }
        List<LedgerTransaction> txs = b.transactions();
        long compared = 0;
        for (int i = 0; i < txs.size(); i++) {
            if (!(txs.get(i).body() instanceof KpiSubmission s)) {
                continue;
            }
            KpiStorageRecord expected = BlockExtractor.storageRecord(chainId, b, position, i);
            StoredRow row = rows.remove(i);
            if (row == null) {
                found.add(new Inconsistency(Inconsistency.Kind.MISSING_ROW, chainId, h, i, -1, HEX.formatHex(expected.tracingCode()),
                        "submission of site " + s.siteId() + " sequence " + s.sequence() + " has no stored row"));
                continue;
            }
            compared++;
            List<String> differs = new ArrayList<>();
            if (!MessageDigest.isEqual(row.cityData(), expected.cityData())) {
                differs.add("city data");
            }
            if (!MessageDigest.isEqual(row.tracingCode(), expected.tracingCode())) {
                differs.add("tracing code");
            }
            if (!MessageDigest.isEqual(row.checkCode(), expected.checkCode())) {
                differs.add("check code");
            }
            if (row.dataOffset() != expected.dataRecorder().offset() || row.dataLength() != expected.dataRecorder().length()) {
                differs.add("data recorder");
            }
            if (row.blockOffset() != expected.blockRecorder().offset() || row.blockLength() != expected.blockRecorder().length()) {
                differs.add("block recorder");
            }
            if (!MessageDigest.isEqual(row.txId(), txs.get(i).id().bytes())) {
                differs.add("transaction id");
            }
            if (!row.siteId().equals(s.siteId().toString()) || row.siteSequence() != s.sequence()) {
                differs.add("site or sequence");
            }
            if (!differs.isEmpty()) {
                found.add(new Inconsistency(Inconsistency.Kind.MODIFIED_ROW, chainId, h, i, row.id(), row.tracingCodeText(),
                        String.join(", ", differs) + " differ from the chain"));
            }
        }
        for (StoredRow r : rows.values()) {
            found.add(new Inconsistency(Inconsistency.Kind.ORPHAN_ROW, chainId, h, r.index(), r.id(), r.tracingCodeText(),
                    "no KPI submission at this position on chain"));
        }
        return compared;
    }
}
