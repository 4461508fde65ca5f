package org.bkdms.ledger.consensus;

import java.util.concurrent.CompletableFuture;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * The ordering service of the blockchain platform: takes transactions, has the contracts decide on
 * them, and orders the accepted ones into final blocks. A single-node orderer implements it for
 * the embedded default; a cluster on Apache Ratis in which every node validates and signs each
 * block implements the same interface, so callers do not change.
 */
public interface Consensus extends AutoCloseable {

    /**
     * Submits a transaction. The future completes with {@link SubmitResult.Status#COMMITTED} only
     * once the transaction's block is durable and final; a future that completes exceptionally
     * means the transaction was NOT acknowledged and may be resubmitted.
     *
     * @param tx the transaction
     * @return its outcome
     */
    CompletableFuture<SubmitResult> submit(LedgerTransaction tx);

    /** Stops ordering; pending transactions complete exceptionally (unacknowledged). */
    @Override
    void close();
}
