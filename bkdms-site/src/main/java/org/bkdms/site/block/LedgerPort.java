package org.bkdms.site.block;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerUnavailableException;
import org.bkdms.ledger.grpc.StreamingSubmitter;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.tx.AdminAction.DeployContracts;
import org.bkdms.ledger.tx.AdminAction.PublishCollectionPolicy;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.ledger.tx.TxId;

/**
 * What the sampling site needs from the blockchain platform: submit a transaction (one at a time or
 * pipelined), fetch a committed one with its inclusion proof, read the platform key directory, the
 * site's collection policy and last committed sequence number, and the contracts' sequence rule.
 * {@link #of(LedgerClient)} adapts a network client (mutual TLS),
 * {@link #of(LedgerNode, Duration)} a node in the same JVM (the embedded demo).
 *
 * <p>Implementations throw {@link LedgerUnavailableException} when the platform cannot be reached;
 * the uploader retries those with backoff.
 */
public interface LedgerPort {

    /**
     * @param transaction a DER {@code LedgerTransaction}
     * @return committed, duplicate (with its location) or rejected
     */
    SubmitResult submit(byte[] transaction);

    /**
     * @param id a transaction id
     * @return the committed transaction with its location, header and inclusion proof
     */
    Optional<ProvenTransaction> transaction(TxId id);

    /** @return the platform's published encryption keys, oldest first */
    List<PlatformKeyEntry> platformKeys();

    /**
     * @param site a site
     * @return its last committed sequence number, if the platform reports one
     */
    OptionalLong lastSequence(SiteId site);

    /**
     * @param site a site
     * @return the collection policy on chain for the site, if this port can read it and one was published
     */
    default Optional<PublishCollectionPolicy> collectionPolicy(SiteId site) {
        return Optional.empty();
    }

    /**
     * @return the sequence rule of the contracts in force; {@link SequenceRule#INCREASING}, which
     *     allows only one submission in flight, when the port cannot tell
     */
    default SequenceRule sequenceRule() {
        return SequenceRule.INCREASING;
    }

    /**
     * Opens a pipeline for submissions kept in flight together. The default sends each one through
     * {@link #submit(byte[])} before returning, which is correct for any port, only not faster.
     *
     * @return a new pipeline; close it when done
     */
    default Pipeline openPipeline() {
        return new Pipeline() {
            @Override
            public CompletableFuture<SubmitResult> submit(byte[] transaction) {
                try {
                    return CompletableFuture.completedFuture(LedgerPort.this.submit(transaction));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public Duration answerTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Submissions in flight at once, answered in the order they were made. Implementations MUST
     * hand transactions to the ledger in that order: a site's contiguous sequence numbers depend on
     * it. Used by one thread.
     */
    interface Pipeline extends AutoCloseable {
        /**
         * Sends a transaction; may wait while the transport's own window is full.
         *
         * @param transaction a DER {@code LedgerTransaction}
         * @return its outcome; completed exceptionally (a {@link LedgerUnavailableException}, say)
         *     when the transport lost it, after which nothing sent later on this pipeline is trusted
         * @throws InterruptedException if interrupted while waiting
         */
        CompletableFuture<SubmitResult> submit(byte[] transaction) throws InterruptedException;

        /** @return how long after the previous answer the next may take before the pipeline is given up */
        Duration answerTimeout();

        /** Ends the pipeline; unanswered submissions may still be decided by the ledger. */
        @Override
        void close();
    }

    /**
     * @param client a connected ledger client, authenticated as the site
     * @return the port
     */
    static LedgerPort of(LedgerClient client) {
        Objects.requireNonNull(client, "client");
        return new LedgerPort() {
            @Override
            public SubmitResult submit(byte[] transaction) {
                return client.submit(transaction);
            }

            @Override
            public Optional<ProvenTransaction> transaction(TxId id) {
                return client.getTransaction(id);
            }

            @Override
            public List<PlatformKeyEntry> platformKeys() {
                return client.platformKeys();
            }

            @Override
            public OptionalLong lastSequence(SiteId site) {
                OptionalLong last = client.siteState(site).lastSequence();
                return last.isPresent() && last.getAsLong() < 0 ? OptionalLong.empty() : last;
            }

            @Override
            public Optional<PublishCollectionPolicy> collectionPolicy(SiteId site) {
                return client.collectionPolicy(site);
            }

            @Override
            public SequenceRule sequenceRule() {
                return client.contractConfig().map(DeployContracts::sequenceRule).orElse(SequenceRule.INCREASING);
            }

            @Override
            public Pipeline openPipeline() {
                StreamingSubmitter stream = client.openSubmitter();
                return new Pipeline() {
                    @Override
                    public CompletableFuture<SubmitResult> submit(byte[] transaction) throws InterruptedException {
                        try {
                            return stream.submit(transaction);
                        } catch (IllegalStateException e) {
                            return CompletableFuture.failedFuture(new LedgerUnavailableException("submit stream closed: "
                                    + e.getMessage(), null, e));
                        }
                    }

                    @Override
                    public Duration answerTimeout() {
                        // above any block period and a failover's re-election; the stream itself fails sooner on a broken connection
                        return Duration.ofSeconds(60);
                    }

                    @Override
                    public void close() {
                        stream.close();
                    }
                };
            }
        };
    }

    /**
     * @param node a ledger node in this JVM
     * @param timeout how long to wait for a submission's block
     * @return the port
     */
    static LedgerPort of(LedgerNode node, Duration timeout) {
        Objects.requireNonNull(node, "node");
        return new LedgerPort() {
            @Override
            public SubmitResult submit(byte[] transaction) {
                try {
                    return node.submit(transaction).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LedgerUnavailableException("interrupted while submitting", null, e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new LedgerUnavailableException("the node did not commit in time: " + e, null, e);
                }
            }

            @Override
            public Optional<ProvenTransaction> transaction(TxId id) {
                try {
                    return node.proven(id);
                } catch (java.io.IOException e) {
                    throw new LedgerUnavailableException("the node cannot read its block log: " + e.getMessage(), null, e);
                }
            }

            @Override
            public List<PlatformKeyEntry> platformKeys() {
                return node.query(s -> List.copyOf(s.platformKeys()));
            }

            @Override
            public Optional<PublishCollectionPolicy> collectionPolicy(SiteId site) {
                return node.query(s -> s.policyAt(site, Long.MAX_VALUE));
            }

            @Override
            public OptionalLong lastSequence(SiteId site) {
                long last = node.query(s -> s.lastSequence(site));
                return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
            }

            @Override
            public SequenceRule sequenceRule() {
                return node.query(s -> s.config().map(DeployContracts::sequenceRule).orElse(SequenceRule.INCREASING));
            }

            @Override
            public Pipeline openPipeline() {
                return new Pipeline() {
                    @Override
                    public CompletableFuture<SubmitResult> submit(byte[] transaction) {
                        try {
                            // the node checks each submission as it arrives, so calls in order are decided in order
                            return node.submit(transaction);
                        } catch (RuntimeException e) {
                            return CompletableFuture.failedFuture(e);
                        }
                    }

                    @Override
                    public Duration answerTimeout() {
                        return timeout;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
