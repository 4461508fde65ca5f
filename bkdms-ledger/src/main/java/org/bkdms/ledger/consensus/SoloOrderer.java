package org.bkdms.ledger.consensus;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.chain.Chain;
import org.bkdms.ledger.chain.TxLocation;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.Verdict;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.MisbehaviourReport;
import org.bkdms.ledger.tx.TxId;

/**
 * The single-node orderer of the embedded default: checks each transaction against the contracts
 * as it arrives, collects the accepted ones, and cuts a block every processing time period (or
 * sooner at the size cap), signs it, and commits it to the chain before acknowledging.
 *
 * <p>Durability: a submission's future completes with COMMITTED only after its block was written
 * and forced to disk by the block log, so an acknowledged transaction survives a crash at any
 * instant. If the block log cannot be written the orderer stops (fail-stop): every pending future
 * fails, later submissions are refused with {@link RejectReason#UNAVAILABLE}, and the node must be
 * restarted, which rebuilds the state from the log.
 *
 * <p>Thread-safe: submissions may come from any thread; ordering is serialized on this object.
 */
public final class SoloOrderer implements OrderingService {
    private static final Logger LOG = Logger.getLogger(SoloOrderer.class.getName());

    private final Chain chain;
    private final ContractState state;
    private final Settings settings;
    private final ScheduledExecutorService ticker;

    private final List<Pending> pending = new ArrayList<>();
    private final Map<TxId, CompletableFuture<SubmitResult>> pendingById = new HashMap<>();
    private long pendingBytes;
    private Instant blockTime;
    private boolean stopped;
    private final AtomicLong rejected = new AtomicLong();

    private record Pending(LedgerTransaction tx, CompletableFuture<SubmitResult> future) {
    }

    /**
     * How the orderer cuts and signs blocks.
     *
     * @param chainId URL of this blockchain platform, written into the genesis block
     * @param nodeId this node's id, as named in genesis
     * @param nodeKey this node's block-signing key
     * @param blockPeriod the processing time period: the longest a transaction waits for its block
     * @param maxBlockTransactions cut a block at this many transactions
     * @param maxBlockOctets cut a block at about this many octets of transactions
     * @param clock source of block times
     */
    public record Settings(String chainId, String nodeId, SuitePrivateKey nodeKey, Duration blockPeriod, int maxBlockTransactions,
            long maxBlockOctets, Clock clock) {
        /**
         * Checks the settings.
         *
         * @param chainId see {@link #chainId()}
         * @param nodeId see {@link #nodeId()}
         * @param nodeKey see {@link #nodeKey()}
         * @param blockPeriod see {@link #blockPeriod()}
         * @param maxBlockTransactions see {@link #maxBlockTransactions()}
         * @param maxBlockOctets see {@link #maxBlockOctets()}
         * @param clock see {@link #clock()}
         */
        public Settings {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(nodeKey, "nodeKey");
            Objects.requireNonNull(clock, "clock");
            if (blockPeriod.isNegative() || blockPeriod.isZero() || maxBlockTransactions < 1 || maxBlockOctets < 1) {
                throw new IllegalArgumentException("block period and caps must be positive");
            }
        }
    }

    /**
     * @param chain the node's chain, opened (and so replayed into {@code state})
     * @param state the contract state of that chain
     * @param settings how to cut and sign blocks
     */
    public SoloOrderer(Chain chain, ContractState state, Settings settings) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.state = Objects.requireNonNull(state, "state");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bkdms-orderer-" + settings.nodeId());
            t.setDaemon(true);
            return t;
        });
        long periodMillis = settings.blockPeriod().toMillis();
        ticker.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates block 0 from the genesis transactions of the smart city platform. Call once, on an
     * empty chain, before submitting anything.
     *
     * @param genesis the genesis transactions: first the chain establishment, then the initial
     *     contract deployment, key publications and site registrations
     * @return the genesis block
     * @throws IOException if the block log cannot be written
     * @throws IllegalArgumentException if the chain is not empty or a genesis transaction is refused
     */
    public synchronized Block createGenesis(List<LedgerTransaction> genesis) throws IOException {
        if (chain.height() != 0) {
            throw new IllegalArgumentException("the chain already has a genesis block");
        }
        Instant time = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        for (LedgerTransaction tx : genesis) {
            Verdict v = state.checkAndApply(tx, 0, time);
            if (!v.isAccepted()) {
                throw new IllegalArgumentException("genesis transaction " + tx.id() + " refused: " + v);
            }
        }
        Block block = build(0, BlockHeader.GENESIS_PREVIOUS, time, genesis);
        chain.commit(block);
        return block;
    }

    @Override
    public synchronized boolean initialize(List<LedgerTransaction> genesis) throws IOException {
        if (chain.height() > 0) {
            return false;
        }
        createGenesis(genesis);
        return true;
    }

    @Override
    public synchronized CompletableFuture<SubmitResult> submit(LedgerTransaction tx) {
        if (stopped) {
            return CompletableFuture.completedFuture(SubmitResult.rejected(tx.id(), RejectReason.UNAVAILABLE,
                    "the node is not ordering (stopped or failed); retry on another node or later"));
        }
        var location = chain.find(tx.id());
        if (location.isPresent()) {
            TxLocation l = location.get();
            return CompletableFuture.completedFuture(SubmitResult.committed(tx.id(), l.height(), l.index(), true));
        }
        CompletableFuture<SubmitResult> inFlight = pendingById.get(tx.id());
        if (inFlight != null) {
            return inFlight;
        }
        if (blockTime == null) {
            blockTime = nextBlockTime();
        }
        long height = chain.height();
        Verdict verdict = state.check(tx, height, blockTime);
        if (!verdict.isAccepted()) {
            rejected.incrementAndGet();
            reportMisbehaviour(tx, verdict, height);
            return CompletableFuture.completedFuture(SubmitResult.rejected(tx.id(), verdict.reason(), verdict.message()));
        }
        state.apply(tx, height, blockTime);
        CompletableFuture<SubmitResult> future = new CompletableFuture<>();
        add(tx, future);
        if (pending.size() >= settings.maxBlockTransactions() || pendingBytes >= settings.maxBlockOctets()) {
            cut();
        }
        return future;
    }

    private void add(LedgerTransaction tx, CompletableFuture<SubmitResult> future) {
        pending.add(new Pending(tx, future));
        pendingById.put(tx.id(), future);
        pendingBytes += tx.size();
    }

    private void reportMisbehaviour(LedgerTransaction tx, Verdict verdict, long height) {
        if (verdict.misbehaviour() == null || !(tx.body() instanceof KpiSubmission s)) {
            return;
        }
        MisbehaviourReport report = new MisbehaviourReport(s.siteId(), verdict.misbehaviour(), blockTime, tx.encoded());
        LedgerTransaction reportTx = LedgerTransaction.sign(report, settings.nodeKey());
        // at most one report per site and kind per block: the contracts refuse the rest
        if (state.checkAndApply(reportTx, height, blockTime).isAccepted()) {
            add(reportTx, new CompletableFuture<>());
        }
    }

    private Instant nextBlockTime() {
        Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        Instant head = chain.headTime();
        return head != null && !now.isAfter(head) ? head.plusMillis(1) : now;
    }

    private void tick() {
        try {
            synchronized (this) {
                if (!pending.isEmpty()) {
                    cut();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "block cutting failed", e);
        }
    }

    /** Builds, signs and commits the pending block, then acknowledges its transactions. */
    private void cut() {
        if (stopped || pending.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(pending);
        List<LedgerTransaction> txs = batch.stream().map(Pending::tx).toList();
        long height = chain.height();
        Block block = build(height, chain.headHash(), blockTime, txs);
        pending.clear();
        pendingById.clear();
        pendingBytes = 0;
        blockTime = null;
        try {
            chain.commit(block);
        } catch (IOException | RuntimeException e) {
            stopped = true;
            LOG.log(Level.SEVERE, "cannot commit block " + height + "; the node stops ordering and must be restarted", e);
            batch.forEach(p -> p.future().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).future().complete(SubmitResult.committed(txs.get(i).id(), height, i, false));
        }
    }

    private Block build(long height, byte[] previousHash, Instant time, List<LedgerTransaction> txs) {
        BlockHeader header = new BlockHeader(chain.chainId() != null ? chain.chainId() : settings.chainId(), height, previousHash, time, txs.size(),
                Block.merkleRoot(txs), settings.nodeId());
        return Block.sign(header, txs, settings.nodeId(), settings.nodeKey());
    }

    /**
     * Runs a read-only query against the contract state, serialized with ordering so that it sees
     * a consistent state (including transactions accepted into the pending block).
     *
     * @param <T> the result type
     * @param query the query; MUST NOT modify the state
     * @return its result
     */
    @Override
    public synchronized <T> T read(java.util.function.Function<ContractState, T> query) {
        return query.apply(state);
    }

    /** Cuts the pending block now (used when shutting down cleanly and by tests). */
    @Override
    public synchronized void flush() {
        cut();
    }

    /** @return submissions rejected since start */
    public long rejectedCount() {
        return rejected.get();
    }

    /** @return transactions waiting for their block */
    @Override
    public synchronized int pendingCount() {
        return pending.size();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            cut();
            stopped = true;
        }
    }
}
