package org.bkdms.ledger.grpc;

import io.grpc.Status;

/**
 * The node refused the caller: gRPC {@code PERMISSION_DENIED} (the certificate's role may not make
 * this call, or the certificate names no role) or {@code UNAUTHENTICATED}. Retrying will not help;
 * use credentials issued for the right role (see {@link PeerIdentity}).
 */
public class LedgerAccessDeniedException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming what failed
     * @param code the gRPC status code
     * @param cause the underlying failure, or {@code null}
     */
    public LedgerAccessDeniedException(String message, Status.Code code, Throwable cause) {
        super(message, code, cause);
    }
}
