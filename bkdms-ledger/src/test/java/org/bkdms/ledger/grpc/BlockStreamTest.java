package org.bkdms.ledger.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.blocklog.MemoryBlockLog;
import org.bkdms.ledger.chain.BlockListener;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.grpc.v1.BlockMessage;
import org.bkdms.ledger.node.LedgerNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockStreamTest {
    private LedgerFixture f;
    private LedgerNode node;
    private FakeServerCall<BlockMessage> call;
    private int sequence;
    private final AtomicInteger ended = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        f = new LedgerFixture(100_000);
        // a long period: the test cuts every block itself, so nothing depends on timing
        node = LedgerNode.open(new MemoryBlockLog(), f.newState(), new SoloOrderer.Settings(LedgerFixture.CHAIN_ID,
                LedgerFixture.NODE_ID, f.node, Duration.ofHours(1), 100, 1 << 20, Clock.systemUTC()));
        node.initialize(f.genesis());
        call = new FakeServerCall<>();
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    private void commitBlocks(int n) {
        for (int i = 0; i < n; i++) {
            node.submit(f.submission(f.siteA, ++sequence));
            node.flush();
        }
    }

    private BlockStream stream(BlockSource source, long from) {
        // runs the drain task inline, so every assertion sees its effect at once
        BlockStream s = new BlockStream(source, call, Runnable::run, from, ended::incrementAndGet);
        s.start();
        return s;
    }

    private List<Long> sentHeights() {
        return call.sent().stream().map(BlockMessage::getHeight).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void catchesUpFromTheLogThenFollowsWithoutGapOrRepeat() throws Exception {
        commitBlocks(3);
        stream(BlockSource.of(node), 0);
        assertThat(sentHeights()).isEqualTo(range(0, 4));
        commitBlocks(2);
        assertThat(sentHeights()).isEqualTo(range(0, 6));
        BlockMessage m = call.sent().get(5);
        assertThat(m.getBlock().toByteArray()).isEqualTo(node.block(5).encoded());
        BlockPosition p = node.chain().position(5);
        assertThat(m.getLogOffset()).isEqualTo(p.offset());
        assertThat(m.getLogLength()).isEqualTo(p.length());
    }

    @Test
    void startsAtTheRequestedHeightEvenBeyondTheHead() {
        stream(BlockSource.of(node), 3);
        commitBlocks(4);
        assertThat(sentHeights()).isEqualTo(range(3, 5));
    }

    @Test
    void aBlockCommittedWhileTheStreamRegistersIsSentExactlyOnce() {
        commitBlocks(1);
        BlockSource real = BlockSource.of(node);
        AtomicBoolean raced = new AtomicBoolean();
        // the listener is registered, then a block is committed, then the height is read: the block
        // is both announced and below the height
        BlockSource racing = new DelegatingSource(real) {
            @Override
            public long height() {
                if (raced.compareAndSet(false, true)) {
                    commitBlocks(1);
                }
                return real.height();
            }
        };
        stream(racing, 0);
        commitBlocks(1);
        assertThat(sentHeights()).isEqualTo(range(0, 4));
    }

    @Test
    void aClientThatDoesNotReadGetsNothingAndTheStreamHoldsOnlyABoundedCache() {
        call.ready(false);
        BlockStream s = stream(BlockSource.of(node), 0);
        commitBlocks(BlockStream.CACHE_LIMIT + 20);
        assertThat(call.sent()).isEmpty();
        assertThat(s.cached()).isLessThanOrEqualTo(BlockStream.CACHE_LIMIT);
        call.ready(true);
        assertThat(sentHeights()).isEqualTo(range(0, node.chain().height()));
        assertThat(s.cached()).isZero();
    }

    @Test
    void aCancelledStreamStopsFollowing() {
        List<BlockListener> followers = new java.util.ArrayList<>();
        BlockSource real = BlockSource.of(node);
        BlockSource counting = new DelegatingSource(real) {
            @Override
            public void follow(BlockListener listener) {
                followers.add(listener);
                super.follow(listener);
            }

            @Override
            public void unfollow(BlockListener listener) {
                followers.remove(listener);
                super.unfollow(listener);
            }
        };
        stream(counting, 0);
        assertThat(followers).hasSize(1);
        call.cancel();
        assertThat(followers).isEmpty();
        assertThat(ended).hasValue(1);
        commitBlocks(2);
        assertThat(sentHeights()).containsExactly(0L);
    }

    @Test
    void terminatingEndsTheCallWithTheStatus() {
        BlockStream s = stream(BlockSource.of(node), 0);
        s.terminate(Status.UNAVAILABLE.withDescription("shutting down"));
        assertThat(Status.fromThrowable(call.error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(ended).hasValue(1);
        commitBlocks(1);
        assertThat(sentHeights()).containsExactly(0L);
    }

    @Test
    void anUnreadableBlockEndsTheStreamAsUnavailable() {
        commitBlocks(1);
        BlockSource broken = new DelegatingSource(BlockSource.of(node)) {
            @Override
            public Block block(long height) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        stream(broken, 0);
        assertThat(Status.fromThrowable(call.error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(Status.fromThrowable(call.error).getDescription()).contains("disk on fire");
    }

    /** Forwards everything to another source. */
    private static class DelegatingSource implements BlockSource {
        private final BlockSource d;

        DelegatingSource(BlockSource d) {
            this.d = d;
        }

        @Override
        public long height() {
            return d.height();
        }

        @Override
        public Block block(long height) throws IOException {
            return d.block(height);
        }

        @Override
        public BlockPosition position(long height) {
            return d.position(height);
        }

        @Override
        public void follow(BlockListener listener) {
            d.follow(listener);
        }

        @Override
        public void unfollow(BlockListener listener) {
            d.unfollow(listener);
        }
    }
}
