package org.bkdms.ledger.blocklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bkdms.core.storage.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link BlockLog} must do, run against each implementation by a subclass. */
abstract class BlockLogContractTest {
    protected BlockLog log;

    /** @return a new, empty log */
    protected abstract BlockLog newLog() throws IOException;

    @BeforeEach
    void openLog() throws IOException {
        log = newLog();
    }

    @AfterEach
    void closeLog() throws IOException {
        log.close();
    }

    private List<BlockPosition> appendFixtures(long count) throws IOException {
        List<BlockPosition> positions = new ArrayList<>();
        for (long h = log.height(), end = h + count; h < end; h++) {
            positions.add(log.append(BlockFixtures.payload(h)));
        }
        return positions;
    }

    @Test
    void anEmptyLogHasNoBlocksAndTheSizeOfTheFileHeader() {
        assertThat(log.height()).isZero();
        assertThat(log.sizeBytes()).isEqualTo(BlockLogFormat.FILE_HEADER_SIZE);
    }

    @Test
    void blocksReadBackByHeightAndByPosition() throws IOException {
        List<BlockPosition> positions = appendFixtures(20);
        assertThat(log.height()).isEqualTo(20);
        for (int h = 0; h < 20; h++) {
            assertThat(log.position(h)).isEqualTo(positions.get(h));
            assertThat(log.read(h)).isEqualTo(BlockFixtures.payload(h));
            assertThat(log.read(positions.get(h))).isEqualTo(BlockFixtures.payload(h));
        }
    }

    @Test
    void genesisFollowsTheFileHeaderAndEachBlockFollowsTheFrameOfThePrevious() throws IOException {
        List<BlockPosition> positions = appendFixtures(10);
        assertThat(positions.get(0)).isEqualTo(new BlockPosition(BlockLogFormat.FIRST_PAYLOAD_OFFSET,
                BlockFixtures.payload(0).length));
        for (int h = 1; h < 10; h++) {
            assertThat(positions.get(h).offset()).isEqualTo(positions.get(h - 1).end() + BlockLogFormat.FRAME_HEADER_SIZE);
            assertThat(positions.get(h).length()).isEqualTo(BlockFixtures.payload(h).length);
        }
        assertThat(log.sizeBytes()).isEqualTo(positions.get(9).end());
    }

    @Test
    void appendAllGivesTheSamePositionsAsSingleAppendsInOrder() throws IOException {
        appendFixtures(3);
        List<byte[]> batch = List.of(BlockFixtures.payload(3), BlockFixtures.payload(4), BlockFixtures.payload(5));
        List<BlockPosition> positions = log.appendAll(batch);

        BlockPosition expected = log.position(2);
        for (int i = 0; i < 3; i++) {
            expected = BlockLogFormat.next(expected, batch.get(i).length);
            assertThat(positions.get(i)).isEqualTo(expected);
            assertThat(log.read(3 + i)).isEqualTo(batch.get(i));
        }
        assertThat(log.height()).isEqualTo(6);
    }

    @Test
    void appendAllOfNothingChangesNothing() throws IOException {
        appendFixtures(2);
        long size = log.sizeBytes();
        assertThat(log.appendAll(List.of())).isEmpty();
        assertThat(log.height()).isEqualTo(2);
        assertThat(log.sizeBytes()).isEqualTo(size);
    }

    @Test
    void aBatchWithAnEmptyOrOversizedBlockIsRefusedWhole() throws IOException {
        appendFixtures(2);
        long size = log.sizeBytes();
        assertThatThrownBy(() -> log.appendAll(List.of(BlockFixtures.payload(2), new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
        assertThatThrownBy(() -> log.append(new byte[BlockLogFormat.MAX_PAYLOAD_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("67108865");
        assertThat(log.height()).isEqualTo(2);
        assertThat(log.sizeBytes()).isEqualTo(size);
        // and the log still takes valid blocks afterwards
        assertThat(log.append(BlockFixtures.payload(2)).offset()).isEqualTo(size + BlockLogFormat.FRAME_HEADER_SIZE);
    }

    @Test
    void theLogKeepsNeitherTheCallersArrayNorHandsOutItsOwn() throws IOException {
        byte[] block = {1, 2, 3};
        log.append(block);
        block[0] = 9;
        byte[] read = log.read(0);
        assertThat(read).containsExactly(1, 2, 3);
        read[1] = 9;
        assertThat(log.read(0)).containsExactly(1, 2, 3);
    }

    @Test
    void heightsOutsideTheLogAreRefused() throws IOException {
        appendFixtures(2);
        assertThatThrownBy(() -> log.position(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.position(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.read(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.iterator(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.iterator(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aPositionThatIsNotExactlyABlockIsRefused() throws IOException {
        List<BlockPosition> positions = appendFixtures(3);
        BlockPosition p = positions.get(1);
        for (BlockPosition wrong : List.of(new BlockPosition(p.offset() + 1, p.length() - 1),
                new BlockPosition(p.offset(), p.length() + 1), new BlockPosition(p.frameOffset() + 1, p.length()),
                new BlockPosition(positions.get(2).end() + BlockLogFormat.FRAME_HEADER_SIZE, 1))) {
            assertThatThrownBy(() -> log.read(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(wrong.toString());
        }
    }

    @Test
    void theIteratorStartsAtTheGivenHeightAndStopsAtTheHeightItWasCreatedAt() throws IOException {
        List<BlockPosition> positions = appendFixtures(6);
        Iterator<LoggedBlock> it = log.iterator(2);
        log.append(BlockFixtures.payload(6));

        List<Long> heights = new ArrayList<>();
        while (it.hasNext()) {
            LoggedBlock block = it.next();
            assertThat(block.position()).isEqualTo(positions.get((int) block.height()));
            assertThat(block.bytes()).isEqualTo(BlockFixtures.payload(block.height()));
            heights.add(block.height());
        }
        assertThat(heights).containsExactly(2L, 3L, 4L, 5L);
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(log.iterator(7).hasNext()).isFalse();
    }

    @Test
    void aBlockRecorderRoundTripsThroughTheTable103Type() throws IOException {
        BlockPosition p = appendFixtures(2).get(1);
        Recorder recorder = p.toRecorder();
        assertThat(recorder).isEqualTo(new Recorder(p.offset(), p.length()));
        assertThat(log.read(BlockPosition.of(recorder))).isEqualTo(BlockFixtures.payload(1));
    }

    @Test
    void aClosedLogRefusesUseAndClosesTwiceQuietly() throws IOException {
        appendFixtures(1);
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(new byte[] {1})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.read(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.height()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Timeout(30)
    void readersRunningBesideTheWriterSeeEveryAppendedBlockIntact() throws Exception {
        int blocks = 300;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> writer = pool.submit(() -> {
                for (long h = 0; h < blocks; h++) {
                    if (h % 10 == 0) {
                        log.appendAll(List.of(BlockFixtures.payload(h), BlockFixtures.payload(h + 1)));
                        h++;
                    } else {
                        log.append(BlockFixtures.payload(h));
                    }
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (!writer.isDone() || reads == 0) {
                        long height = log.height();
                        if (height == 0) {
                            Thread.onSpinWait();
                            continue;
                        }
                        long h = ThreadLocalRandom.current().nextLong(height);
                        assertThat(log.read(h)).isEqualTo(BlockFixtures.payload(h));
                        assertThat(log.read(log.position(h))).isEqualTo(BlockFixtures.payload(h));
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(20, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(20, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(log.height()).isEqualTo(blocks);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
