package org.bkdms.ledger.grpc;

import io.grpc.Status;
import org.bkdms.core.error.BkdmsException;

/**
 * A call to a ledger node failed for a reason that retrying the same call will not fix: a bad
 * argument, a server fault, or a reply that does not check out (a proof that does not verify, a
 * gap in the block stream). Callers should log it and report it; the more specific
 * {@link LedgerUnavailableException} and {@link LedgerAccessDeniedException} say when to retry and
 * when to fix credentials instead.
 *
 * <p>Expected outcomes are never exceptions: a rejected submission is a
 * {@link org.bkdms.ledger.consensus.SubmitResult} with status {@code REJECTED}, and an unknown
 * transaction is an empty {@code Optional}.
 */
public class LedgerException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /** The gRPC status code; {@code null} for failures the client detected itself. */
    private final Status.Code code;

    /**
     * @param message one line naming what failed
     * @param code the gRPC status code, or {@code null} if the client detected the failure
     * @param cause the underlying failure, or {@code null}
     */
    public LedgerException(String message, Status.Code code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return the gRPC status code, or {@code null} for failures the client detected itself */
    public Status.Code code() {
        return code;
    }

    @Override
    public String reasonCode() {
        return code == null ? "LEDGER_PROTOCOL" : "LEDGER_" + code.name();
    }

    /**
     * Maps a failed call to the exception that tells the caller how to react.
     *
     * @param what the operation, for the message
     * @param failure what gRPC reported
     * @return the exception to throw
     */
    static LedgerException of(String what, Throwable failure) {
        if (failure instanceof LedgerException e) {
            return e;
        }
        Status status = Status.fromThrowable(failure);
        String message = what + " failed: " + status.getCode()
                + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED -> new LedgerUnavailableException(message, status.getCode(), failure);
            case UNAUTHENTICATED, PERMISSION_DENIED -> new LedgerAccessDeniedException(message, status.getCode(), failure);
            default -> new LedgerException(message, status.getCode(), failure);
        };
    }
}
