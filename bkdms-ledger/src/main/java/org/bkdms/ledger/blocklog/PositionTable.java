package org.bkdms.ledger.blocklog;

/**
 * The in-memory index from height to {@link BlockPosition}, shared by the log implementations.
 *
 * <p>One writer (external synchronization) and any number of lock-free readers. Readers MUST read
 * {@link #size} before the arrays: the writer fills a slot, and only then publishes the larger size
 * with a volatile write, so a reader that saw the size also sees the slot.
 */
final class PositionTable {
    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /** Both arrays are replaced together when they grow, so a reader never sees one without the other. */
    private static final class Slots {
        final long[] offsets;
        final int[] lengths;

        Slots(int capacity) {
            offsets = new long[capacity];
            lengths = new int[capacity];
        }
    }

    private volatile Slots slots = new Slots(64);
    private volatile int size;

    /** @return the number of positions */
    int size() {
        return size;
    }

    /**
     * @param height a height below {@link #size()}
     * @return the position at that height
     */
    BlockPosition get(long height) {
        int n = size;
        if (height < 0 || height >= n) {
            throw new IndexOutOfBoundsException("no block at height " + height + "; the log holds " + n + " blocks");
        }
        Slots s = slots;
        return new BlockPosition(s.offsets[(int) height], s.lengths[(int) height]);
    }

    /** @return the last position, or {@code null} if there is none */
    BlockPosition last() {
        int n = size;
        return n == 0 ? null : get(n - 1);
    }

    /** @return the offset at which the next frame starts */
    long end() {
        BlockPosition last = last();
        return last == null ? BlockLogFormat.FIRST_FRAME_OFFSET : last.end();
    }

    /**
     * @param position a position to look for
     * @return the height of the block at exactly that position, or -1
     */
    long find(BlockPosition position) {
        int n = size;
        Slots s = slots;
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long offset = s.offsets[mid];
            if (offset < position.offset()) {
                lo = mid + 1;
            } else if (offset > position.offset()) {
                hi = mid - 1;
            } else {
                return s.lengths[mid] == position.length() ? mid : -1;
            }
        }
        return -1;
    }

    /**
     * Adds the position of the next block. Writer only.
     *
     * @param position where the next block lies; MUST start where the last one ends
     */
    void add(BlockPosition position) {
        if (position.frameOffset() != end()) {
            throw new IllegalStateException("block at " + position + " does not follow the log end " + end());
        }
        int n = size;
        if (n == MAX_SIZE) {
            throw new IllegalStateException("a block log holds at most " + MAX_SIZE + " blocks");
        }
        Slots s = slots;
        if (n == s.offsets.length) {
            Slots grown = new Slots((int) Math.min(MAX_SIZE, 2L * n));
            System.arraycopy(s.offsets, 0, grown.offsets, 0, n);
            System.arraycopy(s.lengths, 0, grown.lengths, 0, n);
            slots = grown;
            s = grown;
        }
        s.offsets[n] = position.offset();
        s.lengths[n] = position.length();
        size = n + 1;
    }

    /**
     * Forgets every position from a height on. Only while the log is being opened, before any reader
     * can see the table.
     *
     * @param newSize the number of positions to keep
     */
    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " positions to " + newSize);
        }
        size = newSize;
    }
}
