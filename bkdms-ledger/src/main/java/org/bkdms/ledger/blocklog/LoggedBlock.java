package org.bkdms.ledger.blocklog;

import java.util.Arrays;
import java.util.Objects;

/**
 * One block as read back from a block log, with its height and position.
 *
 * <p>Immutable and thread-safe: the public constructor and {@link #bytes()} copy the octets, so a
 * caller that needs them more than once should keep the array it got.
 */
public final class LoggedBlock {
    private final long height;
    private final BlockPosition position;
    private final byte[] bytes;

    /**
     * @param height the block's height, 0 for genesis
     * @param position where its payload lies in the log
     * @param bytes the payload; copied
     */
    public LoggedBlock(long height, BlockPosition position, byte[] bytes) {
        this(bytes.clone(), height, position);
    }

    private LoggedBlock(byte[] owned, long height, BlockPosition position) {
        if (height < 0) {
            throw new IllegalArgumentException("height " + height + " is negative");
        }
        this.height = height;
        this.position = Objects.requireNonNull(position, "position");
        if (owned.length != position.length()) {
            throw new IllegalArgumentException("block of " + owned.length + " octets does not fill " + position);
        }
        this.bytes = owned;
    }

    /** Wraps an array that nobody else holds, such as one just read from the log, without copying it. */
    static LoggedBlock adopt(long height, BlockPosition position, byte[] owned) {
        return new LoggedBlock(owned, height, position);
    }

    /** @return the block's height, 0 for genesis */
    public long height() {
        return height;
    }

    /** @return where the block's payload lies in the log */
    public BlockPosition position() {
        return position;
    }

    /** @return a copy of the block's octets */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoggedBlock other && height == other.height && position.equals(other.position)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, position, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "LoggedBlock[height=" + height + ", position=" + position + "]";
    }
}
