package org.bkdms.core.error;

/**
 * Base of every error BKDMS raises on purpose. Unchecked, because callers at the edges (CLI, RPC,
 * REST) map the concrete subtype to an exit code or status; the subtype says how to react.
 */
public abstract class BkdmsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming what failed
     * @param cause the underlying failure, or {@code null}
     */
    protected BkdmsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return a stable, machine-readable name of the failure, used for counting and exit codes */
    public abstract String reasonCode();
}
