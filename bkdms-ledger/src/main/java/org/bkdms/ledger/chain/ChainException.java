package org.bkdms.ledger.chain;

import org.bkdms.core.error.BkdmsException;

/**
 * The chain is inconsistent: a block that does not link, verify or replay. Carries the block and
 * byte offset as evidence; the node refuses to start on it and {@code verify-chain} reports it.
 */
public final class ChainException extends BkdmsException {
    private static final long serialVersionUID = 1L;
    private final long height;
    private final long offset;

    /**
     * @param height the block at fault
     * @param offset byte offset in the block log of the block (or of the offending part)
     * @param message what is wrong
     */
    public ChainException(long height, long offset, String message) {
        super("block " + height + " at byte " + offset + ": " + message, null);
        this.height = height;
        this.offset = offset;
    }

    /** @return the block at fault */
    public long height() {
        return height;
    }

    /** @return byte offset in the block log */
    public long offset() {
        return offset;
    }

    @Override
    public String reasonCode() {
        return "CHAIN_INCONSISTENT";
    }
}
