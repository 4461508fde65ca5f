package org.bkdms.site.block;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.proof.InclusionProofCodec;
import org.bkdms.core.proof.MerkleProofs;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.core.record.UnifiedKpiRecordCodec;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.grpc.LedgerException;
import org.bkdms.ledger.grpc.LedgerUnavailableException;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.site.storage.Confirmation;
import org.bkdms.site.storage.OutboxEntry;
import org.bkdms.site.storage.SiteStore;

/**
 * Uploads the outbox to the blockchain platform (Y.4907 clause 8.1, block capability) with an
 * exactly-once, in-order effect on chain.
 *
 * <p>Contract: entries go to the ledger in sequence order. On a chain whose contracts check the
 * {@link SequenceRule#CONTIGUOUS} rule, up to {@code window} entries are in flight at once over one
 * ordered pipeline: the chain accepts only the next number, so a later entry can never commit
 * before an earlier one, and when the oldest entry in flight is refused for now (a lost reply, a
 * broken stream, {@code RATE_LIMITED}, {@code SEQUENCE_GAP}) everything after it is given up and
 * resent from it, in order. On any other chain (the {@link SequenceRule#INCREASING} rule, or when
 * the node's answer about the rule does not check out) entry n+1 MUST NOT be sent before entry n is
 * confirmed, because a later
 * number committing first would turn every earlier one into a REPLAY; there the window is one.
 *
 * <p>An entry is resent as the exact bytes stored (signatures are randomized, so a fresh signing
 * would be a different transaction); if an earlier copy committed after all, the platform answers
 * DUPLICATE with its location, and a REPLAY of an entry whose own transaction is on chain counts as
 * committed too. An entry is confirmed only after its inclusion proof was fetched and verified
 * against the block header, and the confirmation MUST be durable (it is written to the store)
 * before the next entry is confirmed, so that a process killed at any instant resends only entries
 * it has not confirmed, whose committed copies then come back as DUPLICATE. A refusal that resending
 * cannot cure halts the uploader with a reason instead of skipping a sequence number.
 *
 * <p>Not thread-safe: one thread runs {@link #drain()}; {@link #stop()} may be called from any.
 */
public final class Uploader {
    private static final Logger LOG = Logger.getLogger(Uploader.class.getName());
    /** Proofs fetched at once. */
    private static final int PROOF_FETCHERS = 4;
    /** How long a stop waits for answers to what is in flight. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final SiteStore store;
    private final LedgerPort ledger;
    private final SubmissionSealer sealer;
    private final PlatformKeyDirectory keys;
    private final Backoff backoff;
    private final Clock clock;
    private final int window;
    private final Object wake = new Object();
    private final AtomicLong confirmed = new AtomicLong();
    private volatile boolean stopped;
    private volatile String halted;
    private volatile String lastError;
    // the drain thread's pipeline, kept across rounds and closed when a drain ends
    private LedgerPort.Pipeline pipeline;
    // failed rounds in a row on the same oldest entry, for the backoff
    private int headRetries;
    // fetches proofs of a block's worth of entries at once; idle threads end after a few seconds
    private final ThreadPoolExecutor proofFetcher;

    /** What became of the oldest entry in flight. */
    private enum Step {
        /** Confirmed with a verified proof. */
        CONFIRMED,
        /** Refused for a cause already removed (sealed again): resend at once. */
        RESEND_NOW,
        /** Refused or unconfirmed for now: resend after a backoff. */
        RESEND_LATER,
        /** The pipeline lost it: open a new one and resend after a backoff. */
        BROKEN,
        /** Refused for good: the uploader halted. */
        HALTED
    }

    /** An entry sent and not yet settled, with its proof once it is being fetched. */
    private static final class InFlight {
        final OutboxEntry entry;
        final CompletableFuture<SubmitResult> outcome;
        CompletableFuture<Optional<ProvenTransaction>> proof;

        InFlight(OutboxEntry entry, CompletableFuture<SubmitResult> outcome) {
            this.entry = entry;
            this.outcome = outcome;
        }

        OutboxEntry entry() {
            return entry;
        }

        CompletableFuture<SubmitResult> outcome() {
            return outcome;
        }
    }

    /**
     * @param store the outbox
     * @param ledger the platform
     * @param sealer used to seal a record again when the platform key changed under it
     * @param keys the platform key directory, refreshed when the platform refuses a key
     * @param backoff waits between failed attempts
     * @param clock the time written into confirmations
     * @param window most submissions in flight at once, on chains with the contiguous sequence rule
     */
    public Uploader(SiteStore store, LedgerPort ledger, SubmissionSealer sealer, PlatformKeyDirectory keys, Backoff backoff,
            Clock clock, int window) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window < 1) {
            throw new IllegalArgumentException("upload window must be positive");
        }
        this.window = window;
        this.proofFetcher = new ThreadPoolExecutor(PROOF_FETCHERS, PROOF_FETCHERS, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "site-proof-fetch");
                    t.setDaemon(true);
                    return t;
                });
        proofFetcher.allowCoreThreadTimeOut(true);
    }

    /**
     * Uploads pending entries in order until the outbox is empty, the uploader is stopped or it
     * halts.
     *
     * @return entries confirmed by this call
     */
    public int drain() {
        int done = 0;
        try {
            while (!stopped && halted == null) {
                int w = effectiveWindow();
                int before = done;
                boolean empty;
                if (w == 0) {
                    // the platform is unreachable: nothing could be uploaded anyway
                    pause(backoff.delay(++headRetries));
                    continue;
                }
                if (w == 1) {
                    List<OutboxEntry> next = store.pending(64);
                    empty = next.isEmpty();
                    for (OutboxEntry e : next) {
                        if (stopped || halted != null || !upload(e)) {
                            return done;
                        }
                        done++;
                    }
                } else {
                    int[] count = {0};
                    empty = pipelinedRound(w, count);
                    done += count[0];
                }
                if (empty && done == before) {
                    return done;
                }
            }
            return done;
        } finally {
            closePipeline();
        }
    }

    /**
     * The window to use now: the configured one only where the chain refuses gaps.
     *
     * @return the window, or 0 if the platform cannot be reached to tell
     */
    private int effectiveWindow() {
        if (window <= 1) {
            return 1;
        }
        try {
            return ledger.sequenceRule() == SequenceRule.CONTIGUOUS ? window : 1;
        } catch (LedgerUnavailableException e) {
            lastError = "platform unreachable: " + e.getMessage();
            LOG.warning(lastError);
            return 0;
        } catch (LedgerException e) {
            // one at a time is right under either rule; the rule is read again next round
            lastError = "cannot read the contracts' sequence rule, uploading one at a time: " + e.getMessage();
            LOG.warning(lastError);
            return 1;
        }
    }

    /**
     * Keeps up to {@code w} entries in flight and settles them oldest first, until the outbox is
     * empty or the oldest one needs resending.
     *
     * @param count receives the number of entries confirmed
     * @return true if the outbox was found empty
     */
    private boolean pipelinedRound(int w, int[] count) {
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        long cursor = -1;
        while (halted == null) {
            if (stopped) {
                settleOnStop(inFlight, count);
                return false;
            }
            if (pipeline == null) {
                pipeline = ledger.openPipeline();
            }
            if (inFlight.size() < w) {
                for (OutboxEntry e : store.pendingAfter(cursor, w - inFlight.size())) {
                    inFlight.addLast(new InFlight(e, send(e.transaction())));
                    cursor = e.sequence();
                }
            }
            InFlight head = inFlight.peekFirst();
            if (head == null) {
                return true;
            }
            Step step = settle(head, pipeline.answerTimeout(), inFlight);
            if (step == Step.CONFIRMED) {
                inFlight.removeFirst();
                count[0]++;
                headRetries = 0;
                continue;
            }
            // everything behind the head is refused as a gap (or waits on it): it is all resent from the head
            if (step == Step.BROKEN) {
                closePipeline();
            }
            if (step == Step.BROKEN || step == Step.RESEND_LATER) {
                pause(backoff.delay(++headRetries));
            }
            return false;
        }
        return false;
    }

    /**
     * A graceful stop sends nothing more but confirms, for a few seconds, what is already in flight,
     * so that a site stopped right after its records reached the chain does not leave them pending
     * until its next start (they would be confirmed then, as DUPLICATE, all the same).
     */
    private void settleOnStop(ArrayDeque<InFlight> inFlight, int[] count) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (!inFlight.isEmpty() && halted == null && pipeline != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || settle(inFlight.peekFirst(), Duration.ofNanos(left), inFlight) != Step.CONFIRMED) {
                return;
            }
            inFlight.removeFirst();
            count[0]++;
        }
    }

    private CompletableFuture<SubmitResult> send(byte[] tx) {
        try {
            return pipeline.submit(tx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void closePipeline() {
        if (pipeline != null) {
            try {
                pipeline.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the submit pipeline failed", e);
            }
            pipeline = null;
        }
    }

    /**
     * Starts fetching the proofs of entries in flight that are already known to be on chain, so
     * that confirming a whole block's worth does not wait for one round trip after another. The
     * confirmations themselves stay in sequence order.
     */
    private void prefetchProofs(ArrayDeque<InFlight> inFlight) {
        for (InFlight f : inFlight) {
            if (f.proof != null) {
                continue;
            }
            if (!f.outcome.isDone() || f.outcome.isCompletedExceptionally() || !f.outcome.join().onChain()) {
                break;
            }
            org.bkdms.ledger.tx.TxId id = f.entry.txId();
            f.proof = CompletableFuture.supplyAsync(() -> ledger.transaction(id), proofFetcher);
        }
    }

    private Optional<ProvenTransaction> proofOf(InFlight f) {
        if (f.proof == null) {
            return ledger.transaction(f.entry.txId());
        }
        try {
            return f.proof.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        } finally {
            // a failed or empty fetch is not reused: the next attempt asks again
            f.proof = null;
        }
    }

    /** Waits up to {@code wait} for the oldest entry in flight and acts on its outcome. */
    private Step settle(InFlight f, Duration wait, ArrayDeque<InFlight> inFlight) {
        OutboxEntry entry = f.entry();
        SubmitResult r;
        try {
            r = f.outcome().get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return Step.BROKEN;
        } catch (TimeoutException e) {
            fail(entry, "no answer within " + wait.toMillis() + " ms");
            return Step.BROKEN;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            fail(entry, "platform unreachable: " + cause.getMessage());
            return Step.BROKEN;
        }
        try {
            if (r.onChain()) {
                prefetchProofs(inFlight);
                if (confirm(entry.sequence(), entry.txId(), entry.transaction(), proofOf(f))) {
                    return Step.CONFIRMED;
                }
                fail(entry, "committed but its proof is not served yet");
                return Step.RESEND_LATER;
            }
            RejectReason reason = r.reason();
            if (reason == RejectReason.REPLAY && confirm(entry.sequence(), entry.txId(), entry.transaction())) {
                // an earlier copy of these very bytes committed, seen through a stale node or stream
                return Step.CONFIRMED;
            }
            if (retryable(reason)) {
                fail(entry, "refused for now: " + reason + " " + r.message());
                return Step.RESEND_LATER;
            }
            if (reason == RejectReason.UNKNOWN_PLATFORM_KEY || reason == RejectReason.UNSUPPORTED_SUITE) {
                sealAgain(entry, reason);
                return Step.RESEND_NOW;
            }
            halt(entry, reason + ": " + r.message());
            return Step.HALTED;
        } catch (ProofException e) {
            LOG.log(Level.SEVERE, "the platform's confirmation of sequence " + entry.sequence() + " does not verify", e);
            fail(entry, e.getMessage());
        } catch (LedgerException | NoPlatformKeyException e) {
            fail(entry, e.getMessage());
        }
        return Step.RESEND_LATER;
    }

    /**
     * The platform rotated its key: the refused bytes can never commit, so the same record is
     * sealed again under the same sequence number to the current key.
     *
     * @return the new transaction bytes
     */
    private byte[] sealAgain(OutboxEntry entry, RejectReason reason) {
        keys.refresh();
        byte[] recordDer = store.recordOf(entry.sequence()).orElseThrow();
        SubmissionSealer.Sealed again = sealer.seal(UnifiedKpiRecordCodec.decode(recordDer), entry.sequence());
        byte[] tx = again.transaction().encoded();
        store.reseal(entry.sequence(), again.transaction().id(), tx);
        LOG.info("sequence " + entry.sequence() + " sealed again to the current platform key after " + reason);
        return tx;
    }

    /**
     * Stops {@link #drain()} at the next step, waking it from a backoff wait: nothing more is sent,
     * and answers to what is in flight are still confirmed for up to 5 s.
     */
    public void stop() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** @return entries confirmed since this uploader was made */
    public long confirmedCount() {
        return confirmed.get();
    }

    /** @return why the uploader halted, if it did; an operator must act before it goes on */
    public Optional<String> haltReason() {
        return Optional.ofNullable(halted);
    }

    /** @return the last failure seen, if any */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Uploads one entry, retrying until it is confirmed; false if stopped or halted first. */
    private boolean upload(OutboxEntry entry) {
        byte[] tx = entry.transaction();
        org.bkdms.ledger.tx.TxId id = entry.txId();
        int attempt = 0;
        while (!stopped && halted == null) {
            attempt++;
            try {
                SubmitResult r = ledger.submit(tx);
                if (r.onChain()) {
                    if (confirm(entry.sequence(), id, tx)) {
                        return true;
                    }
                    fail(entry, "committed but its proof is not served yet");
                } else if (r.reason() == RejectReason.REPLAY && confirm(entry.sequence(), id, tx)) {
                    return true;
                } else if (retryable(r.reason())) {
                    fail(entry, "refused for now: " + r.reason() + " " + r.message());
                } else if (r.reason() == RejectReason.UNKNOWN_PLATFORM_KEY || r.reason() == RejectReason.UNSUPPORTED_SUITE) {
                    tx = sealAgain(entry, r.reason());
                    id = org.bkdms.ledger.tx.TxId.of(tx);
                    attempt = 0;
                    continue;
                } else {
                    halt(entry, r.reason() + ": " + r.message());
                    return false;
                }
            } catch (LedgerUnavailableException e) {
                fail(entry, "platform unreachable: " + e.getMessage());
            } catch (ProofException e) {
                LOG.log(Level.SEVERE, "the platform's confirmation of sequence " + entry.sequence() + " does not verify", e);
                fail(entry, e.getMessage());
            } catch (LedgerException | NoPlatformKeyException e) {
                fail(entry, e.getMessage());
            }
            pause(backoff.delay(attempt));
        }
        return false;
    }

    private static boolean retryable(RejectReason reason) {
        return reason == RejectReason.UNAVAILABLE || reason == RejectReason.RATE_LIMITED
                || reason == RejectReason.SITE_SUSPENDED || reason == RejectReason.NOT_DEPLOYED
                || reason == RejectReason.SEQUENCE_GAP;
    }

    private boolean confirm(long sequence, org.bkdms.ledger.tx.TxId id, byte[] tx) {
        return confirm(sequence, id, tx, ledger.transaction(id));
    }

    private boolean confirm(long sequence, org.bkdms.ledger.tx.TxId id, byte[] tx, Optional<ProvenTransaction> found) {
        if (found.isEmpty()) {
            return false;
        }
        ProvenTransaction p = found.get();
        byte[] onChain = p.transaction().encoded();
        if (!Arrays.equals(onChain, tx)) {
            throw new ProofException("the platform returned other bytes for transaction " + id);
        }
        if (p.header().height() != p.location().height() || p.proof().leafIndex() != p.location().index()
                || !MerkleProofs.verifyInclusion(MerkleTree.leafHash(onChain), p.proof(), p.header().merkleRoot())) {
            throw new ProofException("the inclusion proof of transaction " + id + " does not lead to the Merkle root of block "
                    + p.header().height());
        }
        store.confirm(sequence, new Confirmation(p.location().height(), p.location().index(), p.header().encode(),
                InclusionProofCodec.encode(p.proof())), clock.instant());
        long n = confirmed.incrementAndGet();
        lastError = null;
        LOG.fine(() -> "sequence " + sequence + " confirmed in block " + p.location().height());
        if (n % 1000 == 0) {
            LOG.info("uploaded " + n + " packets; last sequence " + sequence + " in block " + p.location().height());
        }
        return true;
    }

    private void fail(OutboxEntry entry, String error) {
        lastError = "sequence " + entry.sequence() + ": " + error;
        LOG.warning(lastError);
        store.recordAttempt(entry.sequence(), error);
    }

    private void halt(OutboxEntry entry, String reason) {
        halted = "sequence " + entry.sequence() + " refused: " + reason;
        LOG.severe("upload halted, later sequence numbers wait: " + halted);
        store.recordAttempt(entry.sequence(), reason);
    }

    private void pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            while (!stopped) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    wake.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
    }

    /** A confirmation from the platform that does not check out; the upload is retried. */
    static final class ProofException extends BkdmsException {
        private static final long serialVersionUID = 1L;

        ProofException(String message) {
            super(message, null);
        }

        @Override
        public String reasonCode() {
            return "BAD_CONFIRMATION";
        }
    }
}
