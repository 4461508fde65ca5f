package org.bkdms.ledger.grpc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.chain.BlockListener;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.node.NodeStatus;
import org.bkdms.ledger.tx.AdminAction.DeployContracts;
import org.bkdms.ledger.tx.AdminAction.PublishCollectionPolicy;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.TxId;

/**
 * A client of one ledger node's network API ({@link LedgerServer}), over gRPC with TLS 1.3 and
 * mutual TLS. What the caller may do depends on the role its certificate names (see
 * {@link PeerIdentity}).
 *
 * <p>Results use the ledger's own types, so code written against a {@link
 * org.bkdms.ledger.node.LedgerNode} in one JVM reads the same over the network. Expected outcomes
 * are values: a rejected submission is a {@link SubmitResult} with a reason. Failures are
 * {@link LedgerException}s: {@link LedgerUnavailableException} (retry later or elsewhere),
 * {@link LedgerAccessDeniedException} (wrong credentials for the call), or the base type
 * (a bug or a reply that does not check out). Unary calls carry the builder's deadline; streams
 * have none.
 *
 * <p>Thread-safe; one client (one connection) serves a whole process. Close it when done.
 */
public interface LedgerClient extends AutoCloseable {

    /** @return a builder */
    static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Submits a transaction and waits until the node has decided: committed (its block is
     * durable), duplicate of a committed one, or rejected.
     *
     * @param transaction a DER {@code LedgerTransaction}
     * @return the outcome
     * @throws LedgerUnavailableException if the node cannot be reached or the deadline passes;
     *     resubmitting the same bytes is safe
     */
    SubmitResult submit(byte[] transaction);

    /**
     * @param transaction a transaction
     * @return see {@link #submit(byte[])}
     */
    default SubmitResult submit(LedgerTransaction transaction) {
        return submit(transaction.encoded());
    }

    /** @return a new stream for many submissions, answered in order */
    StreamingSubmitter openSubmitter();

    /**
     * Follows the chain: calls {@code listener} with every block from {@code fromHeight} on, in
     * height order without gaps, first those already committed, then each new one. The client
     * checks the order and decodes each block before handing it over. The listener is called on
     * one gRPC thread at a time; unlike a node's own listeners it may take its time, since the node
     * sends only as fast as the client reads. If it throws, the stream is cancelled and the
     * subscription completes with that exception. For the platform, nodes and auditors.
     *
     * @param fromHeight first block wanted; 0 for the whole chain
     * @param listener receives each block with its position in the node's block log
     * @return the running subscription
     */
    BlockSubscription blocks(long fromHeight, BlockListener listener);

    /**
     * Fetches a committed transaction with its location and inclusion proof. The client checks
     * that the transaction has the requested id and that the proof leads to the header's Merkle
     * root; it does not check the block's node signatures, for which follow the blocks.
     *
     * @param id the transaction id
     * @return the transaction, or empty if the node has not committed it (or, for a site, it is
     *     not one of the site's own)
     * @throws LedgerException if the reply does not check out
     */
    Optional<ProvenTransaction> getTransaction(TxId id);

    /**
     * @param site a site
     * @return its current registry entry and counters
     */
    default SiteState siteState(SiteId site) {
        return siteState(site, -1);
    }

    /**
     * @param site a site
     * @param height a committed height, or -1 for the current state
     * @return its registry entry in force after that block; counters only for -1
     */
    SiteState siteState(SiteId site, long height);

    /** @return the platform encryption keys currently published, oldest first */
    default List<PlatformKeyEntry> platformKeys() {
        return platformKeys(-1);
    }

    /**
     * @param height a committed height, or -1 for the current state
     * @return the platform encryption keys published up to that block, oldest first
     * @throws LedgerException if a key is of a suite this client does not support
     */
    List<PlatformKeyEntry> platformKeys(long height);

    /** @return the contract parameters in force, if deployed */
    default Optional<DeployContracts> contractConfig() {
        return contractConfig(-1);
    }

    /**
     * @param height a committed height, or -1 for the current state
     * @return the contract parameters in force after that block, if deployed by then
     */
    Optional<DeployContracts> contractConfig(long height);

    /**
     * @param site a site
     * @return the collection policy in force for the site, if one was published
     * @throws LedgerAccessDeniedException unless this client is the platform or that site
     */
    default Optional<PublishCollectionPolicy> collectionPolicy(SiteId site) {
        return collectionPolicy(site, -1);
    }

    /**
     * @param site a site
     * @param height a committed height, or -1 for the current state
     * @return the collection policy in force for the site after that block, if one was published by then
     * @throws LedgerAccessDeniedException unless this client is the platform or that site
     */
    Optional<PublishCollectionPolicy> collectionPolicy(SiteId site, long height);

    /**
     * @return the node's status; its rejection counts include those the transport refused
     *     (WRONG_SITE, UNAUTHORIZED) before the contracts saw them
     */
    NodeStatus status();

    /**
     * Closes the connection: lets calls in flight finish for up to a second, then cancels them and
     * any open streams. Idempotent.
     */
    @Override
    void close();

    /**
     * Settings of a {@link LedgerClient}. A target (or several) and the credentials are required.
     * With several targets, the nodes of one cluster, the client talks to one at a time and fails
     * over to the next when its node is unreachable, times out or reports that it is not ordering.
     */
    final class Builder {
        String target;
        java.util.List<String> targets = java.util.List.of();
        TlsCredentials credentials;
        String authority;
        Duration deadline = Duration.ofSeconds(30);
        CryptoSuites suites;
        int submitWindow = 64;
        int maxInboundMessageSize = Block.MAX_ENCODED_LENGTH + 1024 * 1024;

        Builder() {
        }

        /**
         * @param target the node as {@code host:port} (an IPv6 literal in brackets)
         * @return this builder
         */
        public Builder target(String target) {
            this.target = Objects.requireNonNull(target, "target");
            this.targets = java.util.List.of(target);
            return this;
        }

        /**
         * @param targets nodes of one cluster as {@code host:port}, tried in this order; any of them
         *     serves every call, and submissions reach the cluster's leader through it
         * @return this builder
         */
        public Builder targets(java.util.List<String> targets) {
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("at least one target");
            }
            this.targets = java.util.List.copyOf(targets);
            this.target = this.targets.get(0);
            return this;
        }

        Builder withTarget(String one) {
            Builder b = new Builder();
            b.target = one;
            b.targets = java.util.List.of(one);
            b.credentials = credentials;
            b.authority = authority;
            b.deadline = deadline;
            b.suites = suites;
            b.submitWindow = submitWindow;
            b.maxInboundMessageSize = maxInboundMessageSize;
            return b;
        }

        /**
         * @param host the node's host name or address
         * @param port its port
         * @return this builder
         */
        public Builder target(String host, int port) {
            return target((host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
        }

        /**
         * @param credentials this client's key and certificate, and the CA that issued the node's
         * @return this builder
         */
        public Builder credentials(TlsCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param authority the name to check the node's certificate against, when it differs from
         *     the target's host (connecting through an address its certificate does not list)
         * @return this builder
         */
        public Builder authority(String authority) {
            this.authority = Objects.requireNonNull(authority, "authority");
            return this;
        }

        /**
         * @param deadline how long a unary call may take, including a submission's wait for its
         *     block; default 30 s. Keep it well above the ledger's block period.
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive");
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * @param suites the crypto suites keys in replies may use; default {@link CryptoSuites#standard()}
         * @return this builder
         */
        public Builder suites(CryptoSuites suites) {
            this.suites = Objects.requireNonNull(suites, "suites");
            return this;
        }

        /**
         * @param window most unanswered submissions per {@link StreamingSubmitter}; default 64
         * @return this builder
         */
        public Builder submitWindow(int window) {
            if (window < 1) {
                throw new IllegalArgumentException("submit window must be positive");
            }
            this.submitWindow = window;
            return this;
        }

        /**
         * @param bytes largest reply accepted; default the largest block plus 1 MiB
         * @return this builder
         */
        public Builder maxInboundMessageSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max inbound message size must be at least 1 KiB");
            }
            this.maxInboundMessageSize = bytes;
            return this;
        }

        /**
         * Creates the client. The connection is made on first use, so an unreachable node shows as
         * {@link LedgerUnavailableException} from the first call.
         *
         * @return the client
         * @throws IllegalStateException if the target or credentials are missing
         * @throws java.io.UncheckedIOException if the TLS credentials are unusable
         */
        public LedgerClient build() {
            if (target == null) {
                throw new IllegalStateException("target is required");
            }
            if (credentials == null) {
                throw new IllegalStateException("credentials are required");
            }
            return targets.size() > 1 ? new FailoverLedgerClient(this) : new GrpcLedgerClient(this);
        }
    }
}
