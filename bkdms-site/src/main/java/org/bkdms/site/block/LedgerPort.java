package org.bkdms.site.block;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerUnavailableException;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.tx.AdminAction.PublishCollectionPolicy;
import org.bkdms.ledger.tx.TxId;

/**
 * What the sampling site needs from the blockchain platform: submit a transaction, fetch a
 * committed one with its inclusion proof, read the platform key directory and the site's last
 * committed sequence number. {@link #of(LedgerClient)} adapts a network client (mutual TLS),
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
     * @return the collection policy on chain for the site, if this port can read it; the network
     *     API does not serve policies to sites yet, so only an in-process node answers
     */
    default Optional<PublishCollectionPolicy> collectionPolicy(SiteId site) {
        return Optional.empty();
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
        };
    }
}
