package org.bkdms.ledger.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.chain.BlockListener;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.node.NodeStatus;
import org.bkdms.ledger.tx.AdminAction.DeployContracts;
import org.bkdms.ledger.tx.AdminAction.PublishCollectionPolicy;
import org.bkdms.ledger.tx.TxId;

/**
 * A {@link LedgerClient} over several nodes of one cluster: every call goes to the current node
 * and, if that node is unreachable, times out, or answers that it is not ordering
 * ({@link RejectReason#UNAVAILABLE}), to the next one, each node at most twice per call; a
 * submission also moves on when its call fails otherwise (a stream cancelled by a node going
 * down), except when the node refuses this client's credentials.
 * Resubmitting after a failure is safe: a submission that did reach a final block comes back as
 * DUPLICATE. Block subscriptions do not fail over; the caller resubscribes from
 * {@link BlockSubscription#nextHeight()}.
 *
 * <p>Thread-safe.
 */
final class FailoverLedgerClient implements LedgerClient {
    private final List<String> targets;
    private final List<GrpcLedgerClient> clients = new ArrayList<>();
    private volatile int current;

    FailoverLedgerClient(LedgerClient.Builder b) {
        this.targets = List.copyOf(b.targets);
        for (String t : targets) {
            clients.add(new GrpcLedgerClient(b.withTarget(t)));
        }
    }

    /** @return the node the client is talking to now */
    String currentTarget() {
        return targets.get(current);
    }

    private void failedOver(int from) {
        synchronized (this) {
            if (current == from) {
                current = (from + 1) % clients.size();
            }
        }
    }

    private <T> T call(Function<LedgerClient, T> call) {
        LedgerUnavailableException last = null;
        for (int attempt = 0; attempt < 2 * clients.size(); attempt++) {
            int at = current;
            try {
                return call.apply(clients.get(at));
            } catch (LedgerUnavailableException e) {
                last = e;
                failedOver(at);
            }
        }
        throw last;
    }

    @Override
    public SubmitResult submit(byte[] transaction) {
        LedgerException last = null;
        SubmitResult notOrdering = null;
        for (int attempt = 0; attempt < 2 * clients.size(); attempt++) {
            int at = current;
            try {
                SubmitResult r = clients.get(at).submit(transaction);
                if (r.reason() != RejectReason.UNAVAILABLE) {
                    return r;
                }
                notOrdering = r;
            } catch (LedgerAccessDeniedException e) {
                throw e;
            } catch (LedgerException e) {
                last = e;
            }
            failedOver(at);
        }
        if (notOrdering != null && last == null) {
            return notOrdering;
        }
        throw last;
    }

    @Override
    public StreamingSubmitter openSubmitter() {
        return new Submitter();
    }

    /**
     * A stream to the current node. When the stream breaks, what it had not answered is resubmitted
     * one by one, in submission order, with failover; submissions made meanwhile queue behind them,
     * and a new stream is opened once the queue is empty. So a site's submissions reach the ledger in
     * the order it made them, which its sequence numbers require.
     */
    private final class Submitter implements StreamingSubmitter {
        private final ExecutorService ordered = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bkdms-client-failover-ordered");
            t.setDaemon(true);
            return t;
        });
        private StreamingSubmitter stream;
        private int streamAt = -1;
        private int queued;
        private boolean closed;

        @Override
        public CompletableFuture<SubmitResult> submit(byte[] transaction) throws InterruptedException {
            StreamingSubmitter s;
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("submitter closed");
                }
                if (queued > 0) {
                    return resubmit(transaction);
                }
                if (stream == null || streamAt != current) {
                    if (stream != null) {
                        stream.close();
                    }
                    streamAt = current;
                    stream = clients.get(streamAt).openSubmitter();
                }
                s = stream;
            }
            CompletableFuture<SubmitResult> f;
            try {
                f = s.submit(transaction);
            } catch (IllegalStateException e) {
                return broken(s, transaction);
            }
            return f.handle((r, e) -> {
                if (e == null && r.reason() != RejectReason.UNAVAILABLE) {
                    return CompletableFuture.completedFuture(r);
                }
                if (e != null && !retryable(unwrap(e))) {
                    return CompletableFuture.<SubmitResult>failedFuture(unwrap(e));
                }
                return broken(s, transaction);
            }).thenCompose(x -> x);
        }

        /** The stream failed this submission; it goes to the ordered queue (the stream fails the rest in order). */
        private synchronized CompletableFuture<SubmitResult> broken(StreamingSubmitter s, byte[] transaction) {
            if (s == stream) {
                failedOver(streamAt);
                stream.close();
                stream = null;
            }
            return resubmit(transaction);
        }

        /** Called with this submitter's lock held. */
        private CompletableFuture<SubmitResult> resubmit(byte[] transaction) {
            queued++;
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return FailoverLedgerClient.this.submit(transaction);
                } finally {
                    synchronized (this) {
                        queued--;
                    }
                }
            }, ordered);
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (stream != null) {
                stream.close();
            }
            ordered.shutdown();
        }
    }

    /**
     * Whether a failed submission may go to another node: anything but a refusal of this client's
     * credentials, since resubmitting is idempotent (a stream that the node cancels while shutting
     * down fails with a plain {@link LedgerException}).
     */
    private static boolean retryable(Throwable e) {
        return e instanceof LedgerException && !(e instanceof LedgerAccessDeniedException);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public BlockSubscription blocks(long fromHeight, BlockListener listener) {
        return clients.get(current).blocks(fromHeight, listener);
    }

    @Override
    public Optional<ProvenTransaction> getTransaction(TxId id) {
        return call(c -> c.getTransaction(id));
    }

    @Override
    public SiteState siteState(SiteId site, long height) {
        return call(c -> c.siteState(site, height));
    }

    @Override
    public List<PlatformKeyEntry> platformKeys(long height) {
        return call(c -> c.platformKeys(height));
    }

    @Override
    public Optional<DeployContracts> contractConfig(long height) {
        return call(c -> c.contractConfig(height));
    }

    @Override
    public Optional<PublishCollectionPolicy> collectionPolicy(SiteId site, long height) {
        return call(c -> c.collectionPolicy(site, height));
    }

    @Override
    public NodeStatus status() {
        return call(LedgerClient::status);
    }

    @Override
    public void close() {
        clients.forEach(GrpcLedgerClient::close);
    }
}
