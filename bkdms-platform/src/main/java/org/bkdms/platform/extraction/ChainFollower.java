package org.bkdms.platform.extraction;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.chain.ChainException;
import org.bkdms.ledger.chain.ChainVerifier;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.BlockSubscription;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerUnavailableException;
import org.bkdms.platform.store.PlatformStore;
import org.bkdms.platform.store.Rows.Cursor;
import org.bkdms.platform.store.Rows.EvidenceRow;
import org.bkdms.platform.store.Rows.ExtractedBlock;
import org.bkdms.platform.verification.EvidenceReason;
import org.bkdms.platform.verification.PacketVerifier;

/**
 * Follows one blockchain platform's block stream and stores what it carries (Y.4907 clause 8.3,
 * "Storage and retrieval"). Every block goes through the ledger's own {@link ChainVerifier}
 * (decoding, height, hash link, Merkle root, node signatures from genesis, and replay of every
 * transaction, which checks every envelope's signature, through the contracts) before anything of
 * it is stored; then {@link BlockExtractor} turns it into rows, and a writer thread stores the rows
 * in batches, each batch in one database transaction with the chain's cursor.
 *
 * <p>Restart: the verifier needs the whole chain to rebuild the contract state, so the follower
 * always subscribes from block 0, verifies every block, and stores only blocks at or above the
 * stored cursor, after checking that the block just below the cursor has the hash stored with it.
 * A node that goes away is resubscribed from the next height after a back-off; a block that does
 * not verify halts this chain's extraction (reported in {@link #status()}), since nothing after it
 * can be trusted.
 *
 * <p>Thread-safety: the listener runs on one gRPC thread at a time and the writer on its own
 * thread; the public methods may be called from any thread.
 */
public final class ChainFollower implements AutoCloseable {
    /**
     * Tuning of a follower.
     *
     * @param maxBatchBlocks most blocks stored in one database transaction
     * @param queueBlocks verified blocks that may wait for the writer before the stream is slowed down
     * @param retryDelay first back-off after a failure; doubled up to 30 s
     */
    public record Settings(int maxBatchBlocks, int queueBlocks, Duration retryDelay) {
        /**
         * Checks the settings.
         *
         * @param maxBatchBlocks see {@link #maxBatchBlocks()}
         * @param queueBlocks see {@link #queueBlocks()}
         * @param retryDelay see {@link #retryDelay()}
         */
        public Settings {
            if (maxBatchBlocks < 1 || queueBlocks < 1 || retryDelay.isNegative() || retryDelay.isZero()) {
                throw new IllegalArgumentException("follower settings must be positive");
            }
        }

        /** @return 256 blocks per batch, 1024 queued, 200 ms first back-off */
        public static Settings defaults() {
            return new Settings(256, 1024, Duration.ofMillis(200));
        }
    }

    /**
     * What a follower is doing.
     *
     * @param chainId the chain
     * @param verifiedHeight blocks verified so far in this run
     * @param storedHeight the next block to be stored (= blocks stored)
     * @param running whether it is following
     * @param halted why extraction stopped for good, if it did
     * @param lastError the last transient failure (node away, database error), if any
     * @param rowsStored storage rows written in this run
     * @param evidence evidence rows written in this run, per reason
     */
    public record Status(String chainId, long verifiedHeight, long storedHeight, boolean running, Optional<String> halted,
            Optional<String> lastError, long rowsStored, Map<EvidenceReason, Long> evidence) {
    }

    private final String chainId;
    private final LedgerClient client;
    private final PlatformStore store;
    private final Supplier<PacketVerifier> verifiers;
    private final Settings settings;
    private final ContractState state;
    private final ChainVerifier chainVerifier;
    private final BlockingQueue<Optional<CompletableFuture<ExtractedBlock>>> queue;
    private final ExecutorService decrypters;
    private final ScheduledExecutorService scheduler;
    private final Thread writer;
    private final Object storedMonitor = new Object();
    private final AtomicLong rowsStored = new AtomicLong();
    private final Map<EvidenceReason, AtomicLong> evidence = new EnumMap<>(EvidenceReason.class);

    private volatile long storedHeight;
    private volatile byte[] storedHash;
    private volatile long adminNonce;
    private volatile boolean closed;
    private volatile String halted;
    private volatile String lastError;
    private volatile BlockSubscription subscription;
    private long retryMillis;

    /**
     * @param chainId the chain id the blocks must carry
     * @param client a client of one of the chain's nodes, with the platform's credentials
     * @param store where rows go
     * @param verifiers gives the packet verifier to use for the next block (it changes when keys rotate)
     * @param suites the suites the contracts may allow
     * @param catalogue the KPI catalogue of the contracts
     * @param settings tuning
     */
    public ChainFollower(String chainId, LedgerClient client, PlatformStore store, Supplier<PacketVerifier> verifiers,
            CryptoSuites suites, KpiCatalogue catalogue, Settings settings) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.client = Objects.requireNonNull(client, "client");
        this.store = Objects.requireNonNull(store, "store");
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.state = new ContractState(suites, catalogue);
        this.chainVerifier = new ChainVerifier(state, chainId);
        this.queue = new ArrayBlockingQueue<>(settings.queueBlocks());
        for (EvidenceReason r : EvidenceReason.values()) {
            evidence.put(r, new AtomicLong());
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bkdms-follow-" + chainId);
            t.setDaemon(true);
            return t;
        });
        // decryption dominates the cost per record and needs no order, so it runs on every core
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.decrypters = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bkdms-open-" + chainId);
            t.setDaemon(true);
            return t;
        });
        this.writer = new Thread(this::writeLoop, "bkdms-store-" + chainId);
        this.writer.setDaemon(true);
        this.retryMillis = settings.retryDelay().toMillis();
    }

    /**
     * Reads the cursor and starts following.
     *
     * @throws SQLException if the cursor cannot be read
     */
    public void start() throws SQLException {
        Optional<Cursor> cursor = store.cursor(chainId);
        storedHeight = cursor.map(Cursor::nextHeight).orElse(0L);
        storedHash = cursor.map(Cursor::lastBlockHash).orElse(null);
        writer.start();
        subscribe();
    }

    private synchronized void subscribe() {
        if (closed || halted != null) {
            return;
        }
        BlockSubscription s = client.blocks(chainVerifier.nextHeight(), this::onBlock);
        subscription = s;
        s.completion().whenComplete((ok, failure) -> onStreamEnd(s, failure));
    }

    private void onStreamEnd(BlockSubscription s, Throwable failure) {
        if (closed || halted != null || s != subscription) {
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ChainException e) {
            halt("block " + e.height() + " does not verify: " + e.getMessage());
            return;
        }
        if (cause instanceof HaltException e) {
            halt(e.getMessage());
            return;
        }
        lastError = cause == null ? "the node ended the block stream" : cause.getClass().getSimpleName() + ": "
                + cause.getMessage();
        if (cause != null && !(cause instanceof LedgerUnavailableException)) {
            // a protocol failure (gap, undecodable block) is retried too: the next attempt starts afresh at the same height
            lastError = "stream failed: " + lastError;
        }
        long delay = retryMillis;
        retryMillis = Math.min(retryMillis * 2, 30_000);
        scheduler.schedule(this::subscribe, delay, TimeUnit.MILLISECONDS);
    }

    /** Thrown by the listener to stop the stream for good. */
    private static final class HaltException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HaltException(String message) {
            super(message);
        }
    }

    private void onBlock(Block block, BlockPosition position) {
        Block verified = chainVerifier.verify(block.encoded(), position);
        adminNonce = state.adminNonce();
        retryMillis = settings.retryDelay().toMillis();
        long h = verified.height();
        if (h < storedHeight) {
            if (h == storedHeight - 1 && storedHash != null && !Arrays.equals(storedHash, verified.hash())) {
                throw new HaltException("block " + h + " served by the node differs from the block the platform stored");
            }
            return;
        }
        BlockExtractor extractor = new BlockExtractor(verifiers.get());
        BlockExtractor.Prepared prepared = BlockExtractor.prepare(chainId, verified, position, state);
        CompletableFuture<ExtractedBlock> rows = CompletableFuture.supplyAsync(() -> extractor.finish(prepared), decrypters);
        try {
            queue.put(Optional.of(rows));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaltException("interrupted while queueing block " + h);
        }
    }

    private void writeLoop() {
        List<ExtractedBlock> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Optional<CompletableFuture<ExtractedBlock>> first = queue.take();
                List<Optional<CompletableFuture<ExtractedBlock>>> more = new ArrayList<>();
                queue.drainTo(more, settings.maxBatchBlocks() - 1);
                batch.clear();
                for (Optional<CompletableFuture<ExtractedBlock>> b : prepend(first, more)) {
                    if (b.isEmpty()) {
                        stop = true;
                        break;
                    }
                    batch.add(b.get().join());
                }
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a bug in extraction must stop this chain visibly rather than skip a block
                halt("extraction failed: " + e);
                return;
            }
        }
    }

    private static <T> List<T> prepend(T first, List<T> more) {
        List<T> all = new ArrayList<>(more.size() + 1);
        all.add(first);
        all.addAll(more);
        return all;
    }

    private void writeWithRetry(List<ExtractedBlock> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        long delay = settings.retryDelay().toMillis();
        while (true) {
            try {
                store.commit(chainId, batch);
                break;
            } catch (SQLException e) {
                lastError = "database: " + e.getMessage();
                if (closed) {
                    return;
                }
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 30_000);
            } catch (IllegalStateException e) {
                halt(e.getMessage());
                return;
            }
        }
        long rows = 0;
        for (ExtractedBlock b : batch) {
            rows += b.storage().size();
            for (EvidenceRow e : b.evidence()) {
                evidence.get(e.reason()).incrementAndGet();
            }
        }
        rowsStored.addAndGet(rows);
        ExtractedBlock last = batch.get(batch.size() - 1);
        synchronized (storedMonitor) {
            storedHash = last.block().hash();
            storedHeight = last.block().height() + 1;
            storedMonitor.notifyAll();
        }
    }

    private void halt(String why) {
        halted = why;
        BlockSubscription s = subscription;
        if (s != null) {
            s.close();
        }
        synchronized (storedMonitor) {
            storedMonitor.notifyAll();
        }
    }

    /**
     * Waits until blocks below {@code height} are stored.
     *
     * @param height the height wanted
     * @param timeout how long to wait at most
     * @return whether they were stored in time (false also if extraction halted)
     * @throws InterruptedException if interrupted
     */
    public boolean awaitStored(long height, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (storedMonitor) {
            while (storedHeight < height && halted == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(storedMonitor, left);
            }
            return storedHeight >= height;
        }
    }

    /** @return the chain id */
    public String chainId() {
        return chainId;
    }

    /** @return the last admin nonce the chain has used, as of the last verified block */
    public long adminNonce() {
        return adminNonce;
    }

    /** @return the client of the chain's node */
    public LedgerClient client() {
        return client;
    }

    /** @return what the follower is doing */
    public Status status() {
        Map<EvidenceReason, Long> counts = new EnumMap<>(EvidenceReason.class);
        evidence.forEach((k, v) -> counts.put(k, v.get()));
        return new Status(chainId, chainVerifier.nextHeight(), storedHeight, !closed && halted == null,
                Optional.ofNullable(halted), Optional.ofNullable(lastError), rowsStored.get(), counts);
    }

    /**
     * Stops following, stores what was verified, and waits for the writer (at most 30 s). Does not
     * close the client. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        BlockSubscription s = subscription;
        if (s != null) {
            s.close();
            try {
                s.completion().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the stream is cancelled either way; what was queued is still written below
            }
        }
        scheduler.shutdownNow();
        try {
            queue.put(Optional.empty());
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        decrypters.shutdownNow();
    }
}
