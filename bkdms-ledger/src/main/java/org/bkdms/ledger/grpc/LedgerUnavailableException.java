package org.bkdms.ledger.grpc;

import io.grpc.Status;

/**
 * The ledger node could not be reached or did not answer in time: gRPC {@code UNAVAILABLE}
 * (no connection, TLS handshake refused, node shutting down), {@code DEADLINE_EXCEEDED} or
 * {@code ABORTED}. Retry later, with backoff, or on another node. Resubmitting is safe: a
 * transaction's id is the hash of its bytes, so a transaction that was committed after all comes
 * back as {@code DUPLICATE} with its block. A handshake that keeps failing means the two ends do
 * not trust each other's certificates; the exception's cause names the TLS alert.
 */
public class LedgerUnavailableException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming what failed
     * @param code the gRPC status code
     * @param cause the underlying failure, or {@code null}
     */
    public LedgerUnavailableException(String message, Status.Code code, Throwable cause) {
        super(message, code, cause);
    }
}
