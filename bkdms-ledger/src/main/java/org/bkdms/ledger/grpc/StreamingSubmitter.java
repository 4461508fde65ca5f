package org.bkdms.ledger.grpc;

import java.util.concurrent.CompletableFuture;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * Submits many transactions over one {@code SubmitStream} call, for a site uploading a backlog or
 * the platform's bulk tools. Outcomes arrive in submission order.
 *
 * <p>At most a fixed window of submissions is unanswered at a time; {@link #submit(byte[])} blocks
 * while the window is full, so a producer faster than the ledger is slowed down rather than
 * buffered. Thread-safe: several threads may submit, and then their relative order is the order in
 * which their calls took the window.
 */
public interface StreamingSubmitter extends AutoCloseable {

    /**
     * Sends a transaction, waiting first while the window is full.
     *
     * @param transaction a DER {@code LedgerTransaction}
     * @return its outcome, completed once the node has decided; completed exceptionally with a
     *     {@link LedgerException} if the stream fails first (retry those on a new stream: a
     *     transaction that was committed after all comes back as DUPLICATE)
     * @throws InterruptedException if interrupted while waiting for the window
     * @throws IllegalStateException if the submitter is closed
     */
    CompletableFuture<SubmitResult> submit(byte[] transaction) throws InterruptedException;

    /**
     * @param transaction a transaction
     * @return see {@link #submit(byte[])}
     * @throws InterruptedException if interrupted while waiting for the window
     */
    default CompletableFuture<SubmitResult> submit(LedgerTransaction transaction) throws InterruptedException {
        return submit(transaction.encoded());
    }

    /**
     * Ends the stream after the submissions already made. Does not wait: their futures complete as
     * the node answers. Idempotent.
     */
    @Override
    void close();
}
