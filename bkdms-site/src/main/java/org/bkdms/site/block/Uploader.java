package org.bkdms.site.block;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.bkdms.site.storage.Confirmation;
import org.bkdms.site.storage.OutboxEntry;
import org.bkdms.site.storage.SiteStore;

/**
 * Uploads the outbox to the blockchain platform (Y.4907 clause 8.1, block capability) with an
 * exactly-once effect on chain.
 *
 * <p>Contract: entries are sent strictly in sequence order, one at a time, and entry n+1 MUST NOT
 * be sent before entry n is confirmed, because the contracts refuse a sequence number that is not
 * above the site's last committed one: a later number committing first would turn every earlier
 * unconfirmed one into a REPLAY. An entry is resent as the exact bytes stored (signatures are
 * randomized, so a fresh signing would be a different transaction); if the first send committed
 * after all, the platform answers DUPLICATE with its location. An entry is confirmed only after
 * its inclusion proof was fetched and verified against the block header, and the proof is kept.
 * A refusal that resending cannot cure halts the uploader with a reason instead of skipping a
 * sequence number.
 *
 * <p>Not thread-safe: one thread runs {@link #drain()}; {@link #stop()} may be called from any.
 */
public final class Uploader {
    private static final Logger LOG = Logger.getLogger(Uploader.class.getName());

    private final SiteStore store;
    private final LedgerPort ledger;
    private final SubmissionSealer sealer;
    private final PlatformKeyDirectory keys;
    private final Backoff backoff;
    private final Clock clock;
    private final Object wake = new Object();
    private final AtomicLong confirmed = new AtomicLong();
    private volatile boolean stopped;
    private volatile String halted;
    private volatile String lastError;

    /**
     * @param store the outbox
     * @param ledger the platform
     * @param sealer used to seal a record again when the platform key changed under it
     * @param keys the platform key directory, refreshed when the platform refuses a key
     * @param backoff waits between failed attempts
     * @param clock the time written into confirmations
     */
    public Uploader(SiteStore store, LedgerPort ledger, SubmissionSealer sealer, PlatformKeyDirectory keys, Backoff backoff,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Uploads pending entries in order until the outbox is empty, the uploader is stopped or it
     * halts.
     *
     * @return entries confirmed by this call
     */
    public int drain() {
        int done = 0;
        while (!stopped && halted == null) {
            List<OutboxEntry> next = store.pending(64);
            if (next.isEmpty()) {
                return done;
            }
            for (OutboxEntry e : next) {
                if (stopped || halted != null || !upload(e)) {
                    return done;
                }
                done++;
            }
        }
        return done;
    }

    /** Stops {@link #drain()} at the next step, waking it from a backoff wait. */
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
                } else if (retryable(r.reason())) {
                    fail(entry, "refused for now: " + r.reason() + " " + r.message());
                } else if (r.reason() == RejectReason.UNKNOWN_PLATFORM_KEY || r.reason() == RejectReason.UNSUPPORTED_SUITE) {
                    // the platform rotated its key: the refused bytes can never commit, so the same
                    // record is sealed again under the same sequence number to the current key
                    keys.refresh();
                    byte[] recordDer = store.recordOf(entry.sequence()).orElseThrow();
                    SubmissionSealer.Sealed again = sealer.seal(UnifiedKpiRecordCodec.decode(recordDer), entry.sequence());
                    tx = again.transaction().encoded();
                    id = again.transaction().id();
                    store.reseal(entry.sequence(), id, tx);
                    LOG.info("sequence " + entry.sequence() + " sealed again to the current platform key after " + r.reason());
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
                || reason == RejectReason.SITE_SUSPENDED || reason == RejectReason.NOT_DEPLOYED;
    }

    private boolean confirm(long sequence, org.bkdms.ledger.tx.TxId id, byte[] tx) {
        Optional<ProvenTransaction> found = ledger.transaction(id);
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
