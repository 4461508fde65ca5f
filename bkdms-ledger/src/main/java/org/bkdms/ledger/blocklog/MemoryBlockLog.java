package org.bkdms.ledger.blocklog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link BlockLog} in memory, for tests of the components that use a block log. Positions are
 * those a {@link FileBlockLog} would give the same blocks, because they are computed with the same
 * framing ({@link BlockLogFormat}), so code that stores block recorders behaves the same on both.
 *
 * <p>Not durable: everything is lost with the object. Thread-safe: every method holds the
 * instance's lock, which is simple and fast enough for tests.
 */
public final class MemoryBlockLog implements BlockLog {
    private final PositionTable positions = new PositionTable();
    private final List<byte[]> blocks = new ArrayList<>();
    private boolean closed;

    /** Creates an empty log. */
    public MemoryBlockLog() {
    }

    @Override
    public synchronized BlockPosition append(byte[] block) {
        return appendAll(List.of(block)).get(0);
    }

    @Override
    public synchronized List<BlockPosition> appendAll(List<byte[]> toAppend) {
        ensureOpen();
        for (byte[] block : toAppend) {
            BlockLogFormat.requireValidPayload(Objects.requireNonNull(block, "block"));
        }
        List<BlockPosition> appended = new ArrayList<>(toAppend.size());
        for (byte[] block : toAppend) {
            BlockPosition position = BlockLogFormat.next(positions.last(), block.length);
            positions.add(position);
            blocks.add(block.clone());
            appended.add(position);
        }
        return appended;
    }

    @Override
    public synchronized long height() {
        ensureOpen();
        return positions.size();
    }

    @Override
    public synchronized BlockPosition position(long height) {
        ensureOpen();
        return positions.get(height);
    }

    @Override
    public synchronized byte[] read(long height) {
        ensureOpen();
        positions.get(height);
        return blocks.get((int) height).clone();
    }

    @Override
    public synchronized byte[] read(BlockPosition position) {
        ensureOpen();
        long height = positions.find(position);
        if (height < 0) {
            throw new IllegalArgumentException("no block of this log lies exactly at " + position);
        }
        return blocks.get((int) height).clone();
    }

    @Override
    public synchronized long sizeBytes() {
        ensureOpen();
        return positions.end();
    }

    /** Forgets nothing, but makes every later call except {@code close} fail. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("block log is closed");
        }
    }
}
