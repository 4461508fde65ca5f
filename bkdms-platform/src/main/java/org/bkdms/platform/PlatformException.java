package org.bkdms.platform;

import org.bkdms.core.error.BkdmsException;

/**
 * A request to the smart city platform that cannot be served as asked: a bad configuration, an
 * unknown tracing code or chain, a refused admin transaction. The {@link Kind} says how the caller
 * should react; the REST layer maps it to an HTTP status, the command line to an exit code.
 */
public final class PlatformException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, and so what to do. */
    public enum Kind {
        /** The configuration is incomplete or invalid: fix it and restart. */
        INVALID_CONFIG,
        /** The request names something the platform does not know (a record, a chain, a site): do not retry. */
        NOT_FOUND,
        /** The request itself is malformed: fix it. */
        INVALID_REQUEST,
        /** The blockchain platform refused an admin transaction: the message says why. */
        REJECTED,
        /** A dependency (node, database) is unavailable: retry later. */
        UNAVAILABLE
    }

    private final Kind kind;

    /**
     * @param kind what went wrong
     * @param message one line naming it
     * @param cause the underlying failure, or {@code null}
     */
    public PlatformException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * @param kind what went wrong
     * @param message one line naming it
     */
    public PlatformException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    @Override
    public String reasonCode() {
        return kind.name();
    }
}
