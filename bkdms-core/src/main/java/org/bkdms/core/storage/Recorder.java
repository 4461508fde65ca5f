package org.bkdms.core.storage;

import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * Where a byte range lies: the "Data recorder" (a packet inside its block) and the "Block
 * recorder" (a block inside the chain's block log) of Y.4907 Table 10-3.
 *
 * @param offset first byte, counted from 0
 * @param length number of bytes
 */
public record Recorder(long offset, long length) {
    /**
     * Checks and normalizes the parts.
     *
     * @param offset see {@link #offset()}
     * @param length see {@link #length()}
     */
    public Recorder {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new ValidationException(Violation.INVALID_FIELD, "recorder offset " + offset + " / length " + length
                    + " is not a valid byte range");
        }
    }
}
