package org.bkdms.app;

import org.bkdms.core.error.BkdmsException;

/** Command input (JSON, file contents) that cannot be used, with a one-line reason. */
public final class InputException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the input
     * @param cause underlying failure, or {@code null}
     */
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String reasonCode() {
        return "INVALID_INPUT";
    }
}
