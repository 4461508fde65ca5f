package org.bkdms.core.error;

/**
 * Input bytes or text are not a valid encoding of the expected structure: malformed or
 * non-canonical DER, an oversized field, trailing data. The input must be rejected as a whole;
 * retrying with the same bytes gives the same result.
 */
public final class DecodeException extends BkdmsException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /**
     * @param offset byte offset in the input where the problem was found, or -1 if not positional
     * @param message what was expected and what was found
     */
    public DecodeException(long offset, String message) {
        this(offset, message, null);
    }

    /**
     * @param offset byte offset in the input where the problem was found, or -1 if not positional
     * @param message what was expected and what was found
     * @param cause underlying failure
     */
    public DecodeException(long offset, String message, Throwable cause) {
        super(offset >= 0 ? message + " (at byte " + offset + ")" : message, cause);
        this.offset = offset;
    }

    /** @return byte offset of the problem, or -1 */
    public long offset() {
        return offset;
    }

    @Override
    public String reasonCode() {
        return "MALFORMED_ENCODING";
    }
}
