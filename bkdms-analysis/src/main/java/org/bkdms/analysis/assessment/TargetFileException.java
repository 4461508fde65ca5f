package org.bkdms.analysis.assessment;

import org.bkdms.core.error.BkdmsException;

/**
 * A targets file cannot be used: it is not YAML of the expected shape, or it names a KPI or series
 * that the catalogue does not have, or a target outside the series' valid range. The caller should
 * report the message (it names the offending entry) and not assess against the file.
 */
public final class TargetFileException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the offending entry
     * @param cause the parser's failure, or {@code null}
     */
    public TargetFileException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String reasonCode() {
        return "INVALID_TARGETS";
    }
}
