package org.bkdms.ledger.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.chain.BlockListener;
import org.bkdms.ledger.grpc.v1.BlockMessage;

/**
 * One {@code Blocks} call: sends every block from a height on, first from the log and then as
 * they are committed, in order, with no gap and no repetition, and only as fast as the client
 * reads.
 *
 * <p>How the switch from catching up to following stays exact: the stream registers its listener
 * before it reads the chain's height, so every block is either below that height (read from the
 * log) or announced to the listener, or both; a single cursor, {@code next}, decides what is sent,
 * so a block announced twice is sent once. The listener only raises the known height and keeps
 * the newest blocks in a small cache (at most {@value #CACHE_LIMIT} blocks and {@value #CACHE_BYTES}
 * octets) so that a client keeping up
 * is served from memory; a client that falls behind is served from the log. Nothing else is
 * buffered: blocks are sent only while gRPC reports the call ready, so a slow client costs one
 * block in flight, not a growing queue.
 *
 * <p>Threading: the listener runs on the committing thread, under the orderer's lock, and so only
 * records and signals. All interaction with the call happens in one drain task at a time on the
 * executor (a work-in-progress counter serializes it), because gRPC calls are not thread-safe.
 */
final class BlockStream implements BlockListener {
    /** Blocks kept from the listener for a client that keeps up. */
    static final int CACHE_LIMIT = 32;
    /** Octets of blocks kept, whatever their number: blocks may be large (up to {@link Block#MAX_ENCODED_LENGTH}). */
    static final long CACHE_BYTES = 16L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(BlockStream.class.getName());

    private record Cached(Block block, BlockPosition position) {
    }

    private final BlockSource source;
    private final ServerCallStreamObserver<BlockMessage> call;
    private final Executor executor;
    private final Runnable onEnd;
    private final AtomicInteger wip = new AtomicInteger();
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Cached> cache = new ArrayDeque<>();
    private long cachedBytes;
    private long known;
    private boolean ended;
    private Status endWith;
    // written by the drain task only; read by the listener to skip caching blocks already sent
    private volatile long next;

    /**
     * @param source the chain
     * @param call the call to answer
     * @param executor runs the drain task; may do I/O
     * @param from the first height to send
     * @param onEnd called once when the stream ends, however it ends
     */
    BlockStream(BlockSource source, ServerCallStreamObserver<BlockMessage> call, Executor executor, long from, Runnable onEnd) {
        this.source = source;
        this.call = call;
        this.executor = executor;
        this.next = from;
        this.onEnd = onEnd;
    }

    /** Starts streaming. Call from the service method, before it returns. */
    void start() {
        call.setOnCancelHandler(this::end);
        call.setOnReadyHandler(this::signal);
        source.follow(this);
        long height = source.height();
        synchronized (lock) {
            known = Math.max(known, height);
        }
        signal();
    }

    @Override
    public void committed(Block block, BlockPosition position) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            known = Math.max(known, block.height() + 1);
            if (block.height() >= next && cache.size() < CACHE_LIMIT && cachedBytes + block.size() <= CACHE_BYTES) {
                cache.addLast(new Cached(block, position));
                cachedBytes += block.size();
            }
        }
        signal();
    }

    /**
     * Ends the stream with a status, after any block being sent.
     *
     * @param status why, e.g. UNAVAILABLE when the server shuts down
     */
    void terminate(Status status) {
        synchronized (lock) {
            if (endWith == null) {
                endWith = status;
            }
        }
        signal();
    }

    /** @return the height of the next block to send */
    long nextHeight() {
        return next;
    }

    /** @return blocks held in the cache (for tests of the bound) */
    int cached() {
        synchronized (lock) {
            return cache.size();
        }
    }

    private void signal() {
        if (wip.getAndIncrement() == 0) {
            try {
                executor.execute(this::drainLoop);
            } catch (RejectedExecutionException e) {
                // the server is gone, and with it the call
                end();
            }
        }
    }

    private void drainLoop() {
        int missed = 1;
        do {
            try {
                drain();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "block stream failed", e);
                fail(Status.INTERNAL.withDescription("block stream failed: " + e.getMessage()));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        while (true) {
            long h = -1;
            Cached hit = null;
            Status endNow = null;
            synchronized (lock) {
                if (ended) {
                    return;
                }
                if (endWith != null) {
                    endNow = endWith;
                    markEnded();
                } else {
                    if (next >= known || !call.isReady()) {
                        return;
                    }
                    h = next;
                    while (!cache.isEmpty() && cache.peekFirst().block().height() < h) {
                        cachedBytes -= cache.pollFirst().block().size();
                    }
                    if (!cache.isEmpty() && cache.peekFirst().block().height() == h) {
                        hit = cache.pollFirst();
                        cachedBytes -= hit.block().size();
                    }
                }
            }
            if (endNow != null) {
                afterEnd();
                call.onError(endNow.asRuntimeException());
                return;
            }
            BlockMessage m;
            try {
                // outside the lock: reading the log is I/O, and the listener must never wait for it
                m = hit != null ? message(hit.block(), hit.position()) : message(source.block(h), source.position(h));
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "cannot read block " + h + " for a block stream", e);
                fail(Status.UNAVAILABLE.withDescription("cannot read block " + h + ": " + e.getMessage()));
                return;
            }
            call.onNext(m);
            next = h + 1;
        }
    }

    private static BlockMessage message(Block block, BlockPosition position) {
        // encoded() returns a fresh copy that nothing else holds, so wrapping it without a second copy is safe
        return BlockMessage.newBuilder().setHeight(block.height()).setBlock(UnsafeByteOperations.unsafeWrap(block.encoded()))
                .setLogOffset(position.offset()).setLogLength(position.length()).build();
    }

    private void fail(Status status) {
        synchronized (lock) {
            if (!markEnded()) {
                return;
            }
        }
        afterEnd();
        call.onError(status.asRuntimeException());
    }

    /** Ends without touching the call: on cancellation, or when the server is gone. */
    private void end() {
        synchronized (lock) {
            if (!markEnded()) {
                return;
            }
        }
        afterEnd();
    }

    /** @return whether this call ended the stream (it ends once); the caller MUST then call {@link #afterEnd()} */
    private boolean markEnded() {
        if (ended) {
            return false;
        }
        ended = true;
        cache.clear();
        cachedBytes = 0;
        return true;
    }

    private void afterEnd() {
        // outside our lock: the chain calls listeners under its own locks, so never wait for one while holding ours
        source.unfollow(this);
        onEnd.run();
    }
}
