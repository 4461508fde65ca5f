package org.bkdms.ledger.grpc;

import java.util.concurrent.CompletableFuture;

/** A running {@link LedgerClient#blocks} stream. Thread-safe. */
public interface BlockSubscription extends AutoCloseable {

    /**
     * @return completes normally when the stream is closed by {@link #close()} or ended by the
     *     node; exceptionally with a {@link LedgerException} if it fails (a
     *     {@link LedgerUnavailableException} when the node goes away: resubscribe from
     *     {@link #nextHeight()}, later or elsewhere), or with the listener's own exception if the
     *     listener threw
     */
    CompletableFuture<Void> completion();

    /** @return the height of the next block expected */
    long nextHeight();

    /** Cancels the stream. Idempotent. */
    @Override
    void close();
}
