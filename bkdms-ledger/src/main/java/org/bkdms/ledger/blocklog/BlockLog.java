package org.bkdms.ledger.blocklog;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An append-only sequence of blocks, addressed by height (0 = genesis) and by {@link
 * BlockPosition}, the Table 10-3 block recorder.
 *
 * <p><b>Durability.</b> When {@link #append(byte[])} or {@link #appendAll(List)} returns, the blocks
 * it took MUST be durable: a crash of the process or the machine at any later instant MUST NOT
 * lose them, change their octets or move their positions. A block whose append threw, or did not
 * return before a crash, MAY be present after a restart; callers MUST NOT assume it is absent and
 * SHOULD compare it with what they meant to write. Implementations that are not crash-safe (such
 * as {@link MemoryBlockLog}) say so.
 *
 * <p><b>Threads.</b> Appends are serialized by the implementation; a single writer is the intended
 * use. Reads ({@link #read(long)}, {@link #position(long)}, iteration) MAY run in any number of
 * threads concurrently with each other and with an append, and see every block whose append has
 * returned. After {@link #close()}, every method but {@code close} throws {@link
 * IllegalStateException}; calls in flight in other threads fail.
 *
 * <p><b>Errors.</b> I/O failures are {@link IOException}s. Damaged stored octets are reported as
 * {@link CorruptBlockLogException}, never returned as a block.
 */
public interface BlockLog extends Closeable {
    /**
     * Appends one block and makes it durable.
     *
     * @param block the block's octets, 1 to {@value BlockLogFormat#MAX_PAYLOAD_LENGTH}; the log
     *     does not keep a reference to the array
     * @return where the block lies; its height is the {@link #height()} before the call
     * @throws IOException if the block could not be written or made durable; the log MUST then
     *     refuse further appends until it is closed and opened again
     * @throws IllegalArgumentException if the block is empty or too large
     */
    BlockPosition append(byte[] block) throws IOException;

    /**
     * Appends blocks in order and makes them durable together (group commit): one flush to stable
     * storage for the whole list, so a consensus layer that batches pays for durability once.
     * Either every block is durable when this returns, or it throws; after a crash, any prefix of
     * the list MAY be present.
     *
     * @param blocks the blocks, each 1 to {@value BlockLogFormat#MAX_PAYLOAD_LENGTH} octets; an
     *     empty list does nothing
     * @return the positions of the blocks, in the same order
     * @throws IOException as for {@link #append(byte[])}
     * @throws IllegalArgumentException if any block is empty or too large; nothing is written then
     */
    List<BlockPosition> appendAll(List<byte[]> blocks) throws IOException;

    /** @return the number of blocks in the log, which is also the height the next block gets */
    long height();

    /**
     * @param height a height below {@link #height()}
     * @return where that block's payload lies
     * @throws IndexOutOfBoundsException if there is no block at that height
     */
    BlockPosition position(long height);

    /**
     * Reads a block and checks it against the checksum stored with it.
     *
     * @param height a height below {@link #height()}
     * @return a fresh copy of the block's octets
     * @throws IOException if the log cannot be read
     * @throws IndexOutOfBoundsException if there is no block at that height
     * @throws CorruptBlockLogException if the stored frame is damaged
     */
    byte[] read(long height) throws IOException;

    /**
     * Reads the block a block recorder names.
     *
     * @param position the position of a block of this log, exactly as {@link #position(long)}
     *     returns it
     * @return a fresh copy of the block's octets
     * @throws IOException if the log cannot be read
     * @throws IllegalArgumentException if no block of this log lies exactly at that position
     * @throws CorruptBlockLogException if the stored frame is damaged
     */
    byte[] read(BlockPosition position) throws IOException;

    /**
     * Iterates the blocks from a height up to the height the log has when this method is called;
     * blocks appended later are not included, so the iteration always ends.
     *
     * <p>The iterator reads lazily, one block per {@link Iterator#next()}, and wraps I/O failures
     * in {@link java.io.UncheckedIOException}.
     *
     * @param fromHeight the first height to return, 0 to {@link #height()}
     * @return the blocks in height order
     * @throws IndexOutOfBoundsException if {@code fromHeight} is negative or above {@link #height()}
     */
    default Iterator<LoggedBlock> iterator(long fromHeight) {
        long end = height();
        if (fromHeight < 0 || fromHeight > end) {
            throw new IndexOutOfBoundsException("height " + fromHeight + " is outside 0.." + end);
        }
        return new Iterator<>() {
            private long next = fromHeight;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public LoggedBlock next() {
                if (next >= end) {
                    throw new NoSuchElementException("no block at height " + next + " in this iteration");
                }
                try {
                    LoggedBlock block = LoggedBlock.adopt(next, position(next), read(next));
                    next++;
                    return block;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * @return the size of the log in octets, as if framed by {@link BlockLogFormat}: the offset at
     *     which the next block's frame will start
     */
    long sizeBytes();

    /**
     * Releases the log. Blocks already appended stay durable; calling it again does nothing.
     *
     * @throws IOException if releasing files fails
     */
    @Override
    void close() throws IOException;
}
