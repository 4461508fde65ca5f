package org.bkdms.ledger.blocklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bkdms.ledger.blocklog.CorruptBlockLogException.Defect;
import org.bkdms.ledger.blocklog.ScanReport.Inconsistency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damage to a closed log, made by hand, and what opening and {@link FileBlockLog#verify(Path)} make
 * of it. A pristine five-block log is copied into a fresh directory for each case.
 */
class FileBlockLogRecoveryTest {
    private static final int BLOCKS = 5;
    /** Kept short so that cutting the last frame at every byte stays quick. */
    private static final byte[] LAST_BLOCK = "the last block, forty octets long.......".getBytes();

    @TempDir
    Path root;
    private Path pristine;
    private final List<BlockPosition> positions = new ArrayList<>();
    private int copies;

    @BeforeEach
    void writePristineLog() throws IOException {
        pristine = root.resolve("pristine");
        try (FileBlockLog log = FileBlockLog.open(pristine)) {
            for (int h = 0; h < BLOCKS; h++) {
                positions.add(log.append(block(h)));
            }
        }
        Files.delete(pristine.resolve(FileBlockLog.LOCK_FILE_NAME));
    }

    private static byte[] block(long height) {
        return height == BLOCKS - 1 ? LAST_BLOCK.clone() : BlockFixtures.payload(height);
    }

    private Path copy() throws IOException {
        return BlockFixtures.copyLog(pristine, root.resolve("copy" + copies++));
    }

    private BlockPosition last() {
        return positions.get(BLOCKS - 1);
    }

    /** How far the index lags the log when the damage happens. */
    enum IndexState {
        /** Closed cleanly: the index lists every block, including the damaged one. */
        COMPLETE,
        /** As after a crash: the index was forced two blocks ago. */
        LAGGING,
        /** Deleted: everything is rebuilt by scanning. */
        DELETED;

        void apply(Path dir) throws IOException {
            switch (this) {
                case COMPLETE -> { }
                case LAGGING -> BlockFixtures.truncate(BlockFixtures.indexFile(dir), IndexFile.entryOffset(BLOCKS - 2));
                case DELETED -> Files.delete(BlockFixtures.indexFile(dir));
                default -> throw new AssertionError(this);
            }
        }
    }

    private static void assertHoldsFirstBlocks(FileBlockLog log, long count) throws IOException {
        assertThat(log.height()).isEqualTo(count);
        for (int h = 0; h < count; h++) {
            assertThat(log.read(h)).isEqualTo(block(h));
        }
    }

    @ParameterizedTest
    @EnumSource(IndexState.class)
    void aLastFrameCutAtAnyByteIsTruncatedAwayAndTheLogCarriesOn(IndexState indexState) throws IOException {
        long frameStart = last().frameOffset();
        for (long cut = frameStart; cut < last().end(); cut++) {
            Path dir = copy();
            indexState.apply(dir);
            BlockFixtures.truncate(BlockFixtures.logFile(dir), cut);

            ScanReport scan = FileBlockLog.verify(dir);
            if (cut > frameStart) {
                assertThat(scan.firstInconsistency()).as("cut at %d", cut).hasValueSatisfying(i -> {
                    assertThat(i.offset()).isEqualTo(frameStart);
                    assertThat(i.height()).isEqualTo(BLOCKS - 1);
                    assertThat(i.defect()).isEqualTo(Defect.TRUNCATED_FRAME);
                    assertThat(i.tornTail()).isTrue();
                });
            }

            try (FileBlockLog log = FileBlockLog.open(dir)) {
                RecoveryReport report = log.recoveryReport();
                assertThat(report.truncatedBytes()).as("cut at %d", cut).isEqualTo(cut - frameStart);
                assertThat(report.height()).isEqualTo(BLOCKS - 1);
                assertThat(report.droppedIndexEntries()).isEqualTo(indexState == IndexState.COMPLETE ? 1 : 0);
                assertThat(Files.size(BlockFixtures.logFile(dir))).isEqualTo(frameStart);
                assertThat(log.sizeBytes()).isEqualTo(frameStart);
                assertHoldsFirstBlocks(log, BLOCKS - 1);

                byte[] replacement = {(byte) cut};
                assertThat(log.append(replacement)).isEqualTo(new BlockPosition(frameStart + 12, 1));
            }
            try (FileBlockLog log = FileBlockLog.open(dir)) {
                assertThat(log.recoveryReport().clean()).isTrue();
                assertThat(log.height()).isEqualTo(BLOCKS);
                for (int h = 0; h < BLOCKS - 1; h++) {
                    assertThat(log.read(h)).isEqualTo(block(h));
                }
                assertThat(log.read(BLOCKS - 1)).containsExactly((byte) cut);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = IndexState.class, names = {"LAGGING", "DELETED"})
    void aLastFrameWithAWrongChecksumIsATornWriteWhenTheIndexDoesNotListIt(IndexState indexState) throws IOException {
        Path dir = copy();
        indexState.apply(dir);
        BlockFixtures.flipByte(BlockFixtures.logFile(dir), last().offset() + 17);

        assertThat(FileBlockLog.verify(dir).firstInconsistency()).hasValueSatisfying(i -> {
            assertThat(i.defect()).isEqualTo(Defect.CHECKSUM);
            assertThat(i.tornTail()).isTrue();
        });
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport().truncatedBytes()).isEqualTo(12 + LAST_BLOCK.length);
            assertHoldsFirstBlocks(log, BLOCKS - 1);
        }
    }

    @Test
    void aLastFrameWithAWrongChecksumThatTheIndexListsIsCorruptionFoundOnRead() throws IOException {
        Path dir = copy();
        BlockFixtures.flipByte(BlockFixtures.logFile(dir), last().offset() + 17);
        // The index entry proves the frame was durable, so no crash can explain the damage.
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.height()).isEqualTo(BLOCKS);
            assertThatThrownBy(() -> log.read(BLOCKS - 1)).isInstanceOfSatisfying(CorruptBlockLogException.class,
                    e -> assertThat(e.defect()).isEqualTo(Defect.CHECKSUM));
        }
        assertThatThrownBy(() -> FileBlockLog.newBuilder().dataDirectory(dir).verifyOnOpen(true).open())
                .isInstanceOfSatisfying(CorruptBlockLogException.class, e -> {
                    assertThat(e.offset()).isEqualTo(last().frameOffset());
                    assertThat(e.height()).isEqualTo(BLOCKS - 1);
                }).hasMessageContaining("index shows the block was durable");
    }

    /** Octets a crash or a misbehaving disk may leave after the last frame. */
    enum Garbage {
        ZEROS(new byte[4096]),
        RANDOM(randomBytes(300)),
        PARTIAL_MAGIC(new byte[] {0x42, 0x4B}),
        HEADER_OF_A_FRAME_THAT_NEVER_CAME(ByteBuffer.allocate(12 + 5).putInt(BlockLogFormat.FRAME_MAGIC).putInt(1000)
                .putInt(0x1234).array()),
        OVERSIZED_LENGTH(ByteBuffer.allocate(12 + 64).putInt(BlockLogFormat.FRAME_MAGIC).putInt(-1).putInt(0).array());

        private final byte[] bytes;

        private static byte[] randomBytes(int count) {
            byte[] bytes = new byte[count];
            new SplittableRandom(7).nextBytes(bytes);
            return bytes;
        }

        Garbage(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    @ParameterizedTest
    @EnumSource(Garbage.class)
    void garbageAfterTheLastFrameIsTruncatedAway(Garbage garbage) throws IOException {
        Path dir = copy();
        BlockFixtures.append(BlockFixtures.logFile(dir), garbage.bytes);

        Inconsistency found = FileBlockLog.verify(dir).firstInconsistency().orElseThrow();
        assertThat(found.offset()).isEqualTo(last().end());
        assertThat(found.height()).isEqualTo(BLOCKS);
        assertThat(found.tornTail()).isTrue();
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport().truncatedBytes()).isEqualTo(garbage.bytes.length);
            assertThat(log.recoveryReport().droppedIndexEntries()).isZero();
            assertHoldsFirstBlocks(log, BLOCKS);
            assertThat(Files.size(BlockFixtures.logFile(dir))).isEqualTo(last().end());
        }
    }

    @Test
    void aDeletedIndexIsRebuiltFromTheLog() throws IOException {
        Path dir = copy();
        Files.delete(BlockFixtures.indexFile(dir));
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport()).isEqualTo(new RecoveryReport(false, BLOCKS, 0, 0, BLOCKS, 0, last().end()));
            assertHoldsFirstBlocks(log, BLOCKS);
            assertThat(log.position(BLOCKS - 1)).isEqualTo(last());
        }
        assertThat(Files.readAllBytes(BlockFixtures.indexFile(dir)))
                .isEqualTo(Files.readAllBytes(BlockFixtures.indexFile(pristine)));
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport().trustedIndexEntries()).isEqualTo(BLOCKS);
        }
    }

    @Test
    void anIndexCutInsideAnEntryKeepsTheWholeEntriesAndRebuildsTheRest() throws IOException {
        Path dir = copy();
        BlockFixtures.truncate(BlockFixtures.indexFile(dir), IndexFile.entryOffset(2) + 7);
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            RecoveryReport report = log.recoveryReport();
            assertThat(report.trustedIndexEntries()).isEqualTo(2);
            assertThat(report.rebuiltIndexEntries()).isEqualTo(BLOCKS - 2);
            assertThat(report.droppedIndexEntries()).isZero();
            assertHoldsFirstBlocks(log, BLOCKS);
        }
        assertThat(Files.readAllBytes(BlockFixtures.indexFile(dir)))
                .isEqualTo(Files.readAllBytes(BlockFixtures.indexFile(pristine)));
    }

    @Test
    void anIndexEntryPointingPastTheEndOfTheLogIsDropped() throws IOException {
        Path dir = copy();
        BlockPosition beyond = BlockLogFormat.next(last(), 100);
        BlockFixtures.append(BlockFixtures.indexFile(dir), IndexFile.encode(List.of(beyond)).array());
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            RecoveryReport report = log.recoveryReport();
            assertThat(report.droppedIndexEntries()).isEqualTo(1);
            assertThat(report.lostIndexedBlocks()).isTrue();
            assertThat(report.truncatedBytes()).isZero();
            assertHoldsFirstBlocks(log, BLOCKS);
            assertThat(log.append(new byte[] {1})).isEqualTo(BlockLogFormat.next(last(), 1));
        }
    }

    @Test
    void indexEntriesForFramesCutFromTheLogAreDroppedAndTheRestKept() throws IOException {
        Path dir = copy();
        BlockFixtures.truncate(BlockFixtures.logFile(dir), positions.get(3).frameOffset());
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport()).isEqualTo(new RecoveryReport(false, 3, 3, 2, 0, 0,
                    positions.get(2).end()));
            assertHoldsFirstBlocks(log, 3);
        }
    }

    @Test
    void aZeroedIndexEntryEndsTheTrustedPrefix() throws IOException {
        Path dir = copy();
        BlockFixtures.overwrite(BlockFixtures.indexFile(dir), IndexFile.entryOffset(2), new byte[IndexFile.ENTRY_SIZE]);
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport()).isEqualTo(new RecoveryReport(false, BLOCKS, 2, 0, BLOCKS - 2, 0,
                    last().end()));
            assertHoldsFirstBlocks(log, BLOCKS);
        }
    }

    @Test
    void anIndexWithAForeignHeaderIsRebuiltWhole() throws IOException {
        Path dir = copy();
        BlockFixtures.overwrite(BlockFixtures.indexFile(dir), 0, "NOTINDEX".getBytes());
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport().rebuiltIndexEntries()).isEqualTo(BLOCKS);
            assertHoldsFirstBlocks(log, BLOCKS);
        }
        assertThat(Files.readAllBytes(BlockFixtures.indexFile(dir)))
                .isEqualTo(Files.readAllBytes(BlockFixtures.indexFile(pristine)));
    }

    @Test
    void aFlippedPayloadByteInAMiddleFrameIsCorruptionOnOpenWhenScanned() throws IOException {
        Path dir = copy();
        IndexState.DELETED.apply(dir);
        BlockPosition damaged = positions.get(2);
        BlockFixtures.flipByte(BlockFixtures.logFile(dir), damaged.offset() + damaged.length() / 2);
        byte[] before = Files.readAllBytes(BlockFixtures.logFile(dir));

        assertThatThrownBy(() -> FileBlockLog.open(dir)).isInstanceOfSatisfying(CorruptBlockLogException.class, e -> {
            assertThat(e.offset()).isEqualTo(damaged.frameOffset());
            assertThat(e.height()).isEqualTo(2);
            assertThat(e.defect()).isEqualTo(Defect.CHECKSUM);
            assertThat(e.file()).isEqualTo(BlockFixtures.logFile(dir));
        }).hasMessageContaining("byte " + damaged.frameOffset()).hasMessageContaining("height 2")
                .hasMessageContaining("a valid frame follows at byte " + positions.get(3).frameOffset());
        // nothing was cut: the blocks after the damage were acknowledged
        assertThat(Files.readAllBytes(BlockFixtures.logFile(dir))).isEqualTo(before);

        ScanReport scan = FileBlockLog.verify(dir);
        assertThat(scan.validBlocks()).isEqualTo(2);
        assertThat(scan.validBytes()).isEqualTo(damaged.frameOffset());
        assertThat(scan.firstInconsistency()).hasValueSatisfying(i -> {
            assertThat(i.offset()).isEqualTo(damaged.frameOffset());
            assertThat(i.height()).isEqualTo(2);
            assertThat(i.defect()).isEqualTo(Defect.CHECKSUM);
            assertThat(i.tornTail()).isFalse();
        });
    }

    @Test
    void aFlippedPayloadByteInAnIndexedMiddleFrameFailsTheReadOfThatBlockOnly() throws IOException {
        Path dir = copy();
        BlockPosition damaged = positions.get(2);
        BlockFixtures.flipByte(BlockFixtures.logFile(dir), damaged.offset());
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThatThrownBy(() -> log.read(2)).isInstanceOfSatisfying(CorruptBlockLogException.class, e -> {
                assertThat(e.offset()).isEqualTo(damaged.frameOffset());
                assertThat(e.height()).isEqualTo(2);
            }).hasMessageContaining("byte " + damaged.frameOffset()).hasMessageContaining("height 2");
            assertThatThrownBy(() -> log.read(damaged)).isInstanceOf(CorruptBlockLogException.class);
            assertThat(log.read(1)).isEqualTo(block(1));
            assertThat(log.read(3)).isEqualTo(block(3));
        }
        assertThatThrownBy(() -> FileBlockLog.newBuilder().dataDirectory(dir).verifyOnOpen(true).open())
                .isInstanceOfSatisfying(CorruptBlockLogException.class,
                        e -> assertThat(e.offset()).isEqualTo(damaged.frameOffset()));
        assertThat(FileBlockLog.verify(dir).firstInconsistency().orElseThrow().offset()).isEqualTo(damaged.frameOffset());
    }

    @ParameterizedTest
    @EnumSource(value = IndexState.class, names = {"LAGGING", "DELETED"})
    void aDamagedFrameHeaderFollowedByValidFramesIsCorruption(IndexState indexState) throws IOException {
        for (int field = 0; field < 3; field++) {
            Path dir = copy();
            indexState.apply(dir);
            BlockPosition damaged = positions.get(3);
            // field 0: magic; 1: length (grown by 256, so the frame seems to swallow the next); 2: checksum
            BlockFixtures.flipByte(BlockFixtures.logFile(dir), damaged.frameOffset() + 4L * field + (field == 1 ? 2 : 0));
            assertThatThrownBy(() -> FileBlockLog.open(dir)).as("field %d", field)
                    .isInstanceOfSatisfying(CorruptBlockLogException.class, e -> {
                        assertThat(e.offset()).isEqualTo(damaged.frameOffset());
                        assertThat(e.height()).isEqualTo(3);
                    });
        }
    }

    @Test
    void verifyOnOpenAcceptsAHealthyLogAndReportsNothingRebuilt() throws IOException {
        Path dir = copy();
        try (FileBlockLog log = FileBlockLog.newBuilder().dataDirectory(dir).verifyOnOpen(true).open()) {
            assertThat(log.recoveryReport().clean()).isTrue();
            assertHoldsFirstBlocks(log, BLOCKS);
        }
    }

    @Test
    void verifyNeverChangesTheFile() throws IOException {
        Path dir = copy();
        BlockFixtures.append(BlockFixtures.logFile(dir), new byte[] {1, 2, 3});
        byte[] before = Files.readAllBytes(BlockFixtures.logFile(dir));
        assertThat(FileBlockLog.verify(dir).consistent()).isFalse();
        assertThat(Files.readAllBytes(BlockFixtures.logFile(dir))).isEqualTo(before);
        assertThat(Arrays.equals(Files.readAllBytes(BlockFixtures.indexFile(dir)),
                Files.readAllBytes(BlockFixtures.indexFile(pristine)))).isTrue();
    }
}
