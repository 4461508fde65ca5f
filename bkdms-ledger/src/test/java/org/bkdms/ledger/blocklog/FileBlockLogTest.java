package org.bkdms.ledger.blocklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.bkdms.ledger.blocklog.CorruptBlockLogException.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlockLogTest {
    @TempDir
    Path dir;

    private List<BlockPosition> appendMixed(BlockLog log, int count) throws IOException {
        List<BlockPosition> positions = new ArrayList<>();
        for (long h = log.height(), end = h + count; h < end; ) {
            if (h % 7 == 3 && h + 3 <= end) {
                positions.addAll(log.appendAll(List.of(BlockFixtures.payload(h), BlockFixtures.payload(h + 1),
                        BlockFixtures.payload(h + 2))));
                h += 3;
            } else {
                positions.add(log.append(BlockFixtures.payload(h)));
                h++;
            }
        }
        return positions;
    }

    @Test
    void eachPositionAddressesExactlyItsBlockInTheRawFileAfterAFrameHeader() throws IOException {
        List<BlockPosition> positions;
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            positions = appendMixed(log, 40);
            assertThat(Files.size(BlockFixtures.logFile(dir))).isEqualTo(log.sizeBytes());
        }
        byte[] raw = Files.readAllBytes(BlockFixtures.logFile(dir));
        assertThat(Arrays.copyOf(raw, 8)).isEqualTo("BKDMSLG1".getBytes(StandardCharsets.US_ASCII));
        long expectedFrame = 8;
        for (int h = 0; h < positions.size(); h++) {
            BlockPosition p = positions.get(h);
            byte[] payload = BlockFixtures.payload(h);
            assertThat(Arrays.copyOfRange(raw, (int) p.offset(), (int) p.end())).isEqualTo(payload);

            // the frame header is computed here independently of BlockLogFormat
            CRC32C crc = new CRC32C();
            crc.update(payload);
            ByteBuffer header = ByteBuffer.wrap(raw, (int) p.offset() - 12, 12);
            assertThat(p.offset() - 12).isEqualTo(expectedFrame);
            assertThat(header.getInt()).isEqualTo(0x424B424C);
            assertThat(header.getInt()).isEqualTo(payload.length);
            assertThat(Integer.toUnsignedLong(header.getInt())).isEqualTo(crc.getValue());
            expectedFrame = p.end();
        }
        assertThat(expectedFrame).isEqualTo(raw.length);
    }

    @Test
    void theFileMatchesTheGoldenBytesOfTheFormat() throws IOException {
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            // CRC-32C("123456789") = 0xE3069283 is the published check value of the Castagnoli CRC.
            log.append("123456789".getBytes(StandardCharsets.US_ASCII));
            log.append(new byte[] {0});
        }
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(BlockFixtures.logFile(dir)))).isEqualTo(
                "424b444d534c4731" // "BKDMSLG1"
                        + "424b424c" + "00000009" + "e3069283" + "313233343536373839"
                        + "424b424c" + "00000001" + "527d5351" + "00");
    }

    @Test
    void reopeningKeepsEveryBlockAndPositionAndTrustsTheIndex() throws IOException {
        List<BlockPosition> positions;
        long size;
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport().created()).isTrue();
            positions = appendMixed(log, 50);
            size = log.sizeBytes();
        }
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            RecoveryReport report = log.recoveryReport();
            assertThat(report).isEqualTo(new RecoveryReport(false, 50, 50, 0, 0, 0, size));
            assertThat(report.clean()).isTrue();
            assertThat(log.height()).isEqualTo(50);
            assertThat(log.sizeBytes()).isEqualTo(size);
            for (int h = 0; h < 50; h++) {
                assertThat(log.position(h)).isEqualTo(positions.get(h));
                assertThat(log.read(h)).isEqualTo(BlockFixtures.payload(h));
            }
            positions.addAll(appendMixed(log, 5));
        }
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.height()).isEqualTo(55);
            assertThat(log.position(54)).isEqualTo(positions.get(54));
            assertThat(log.read(54)).isEqualTo(BlockFixtures.payload(54));
        }
        assertThat(Files.size(BlockFixtures.indexFile(dir))).isEqualTo(8 + 16 * 55);
    }

    @Test
    void aFileBlockLogAndAMemoryBlockLogGiveTheSamePositions() throws IOException {
        try (FileBlockLog file = FileBlockLog.open(dir); MemoryBlockLog memory = new MemoryBlockLog()) {
            assertThat(appendMixed(file, 30)).isEqualTo(appendMixed(memory, 30));
            assertThat(file.sizeBytes()).isEqualTo(memory.sizeBytes());
        }
    }

    @Test
    void aSmallIndexSyncIntervalStillGivesAnExactIndex() throws IOException {
        try (FileBlockLog log = FileBlockLog.newBuilder().dataDirectory(dir).indexSyncInterval(1).open()) {
            appendMixed(log, 10);
        }
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport().trustedIndexEntries()).isEqualTo(10);
        }
    }

    @Test
    void aDirectoryCanBeOpenedByOneLogAtATime() throws IOException {
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            log.append(new byte[] {1});
            assertThatThrownBy(() -> FileBlockLog.open(dir)).isInstanceOf(IOException.class)
                    .hasMessageContaining("already open");
            // the refused open did not disturb the first
            log.append(new byte[] {2});
        }
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.height()).isEqualTo(2);
        }
    }

    @Test
    void anInterruptedReaderGetsItsExceptionAndLaterReadsStillWork() throws IOException {
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            appendMixed(log, 3);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> log.read(1)).isInstanceOf(ClosedByInterruptException.class);
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
            assertThat(log.read(1)).isEqualTo(BlockFixtures.payload(1));
            assertThat(log.append(BlockFixtures.payload(3))).isEqualTo(log.position(3));
        }
    }

    @Test
    void afterAFailedAppendTheLogRefusesAppendsUntilOpenedAgain() throws IOException {
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            appendMixed(log, 3);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> log.append(BlockFixtures.payload(3))).isInstanceOf(ClosedByInterruptException.class);
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
            assertThatThrownBy(() -> log.append(BlockFixtures.payload(3))).isInstanceOf(IOException.class)
                    .hasMessageContaining("must be opened again");
            assertThat(log.height()).isEqualTo(3);
            assertThat(log.read(2)).isEqualTo(BlockFixtures.payload(2));
        }
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.height()).isEqualTo(3);
            log.append(BlockFixtures.payload(3));
            assertThat(log.read(3)).isEqualTo(BlockFixtures.payload(3));
        }
    }

    @Test
    void aFileThatIsNotABlockLogIsRefusedAndLeftAlone() throws IOException {
        byte[] text = "hello, world\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(BlockFixtures.logFile(dir), text);
        assertThatThrownBy(() -> FileBlockLog.open(dir)).isInstanceOfSatisfying(CorruptBlockLogException.class, e -> {
            assertThat(e.offset()).isZero();
            assertThat(e.height()).isEqualTo(-1);
            assertThat(e.defect()).isEqualTo(Defect.FILE_HEADER);
            assertThat(e.reasonCode()).isEqualTo("CORRUPT_BLOCK_LOG");
        }).hasMessageContaining("not a BKDMS block log");
        assertThat(Files.readAllBytes(BlockFixtures.logFile(dir))).isEqualTo(text);
        assertThat(FileBlockLog.verify(dir).firstInconsistency()).hasValueSatisfying(i -> {
            assertThat(i.defect()).isEqualTo(Defect.FILE_HEADER);
            assertThat(i.tornTail()).isFalse();
        });
    }

    @Test
    void aLogWhoseCreationWasCutShortIsCreatedAgain() throws IOException {
        Files.write(BlockFixtures.logFile(dir), "BKDM".getBytes(StandardCharsets.US_ASCII));
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            assertThat(log.recoveryReport().created()).isTrue();
            assertThat(log.append(new byte[] {7}).offset()).isEqualTo(BlockLogFormat.FIRST_PAYLOAD_OFFSET);
        }
    }

    @Test
    void aMissingLogBesideAFilledIndexIsCorruptionNotANewLog() throws IOException {
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            appendMixed(log, 3);
        }
        Files.delete(BlockFixtures.logFile(dir));
        assertThatThrownBy(() -> FileBlockLog.open(dir)).isInstanceOfSatisfying(CorruptBlockLogException.class,
                e -> assertThat(e.defect()).isEqualTo(Defect.FILE_HEADER)).hasMessageContaining("lists 3 blocks");
    }

    @Test
    void theBuilderNeedsADirectoryAndAPositiveSyncInterval() {
        assertThatThrownBy(() -> FileBlockLog.newBuilder().open()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> FileBlockLog.newBuilder().indexSyncInterval(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyOfAHealthyLogCountsEveryFrame() throws IOException {
        long size;
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            appendMixed(log, 25);
            size = log.sizeBytes();
            // verify only reads, so it can run beside the open log
            assertThat(FileBlockLog.verify(dir)).isEqualTo(new ScanReport(25, size, size, java.util.Optional.empty()));
        }
        assertThat(FileBlockLog.verify(dir).consistent()).isTrue();
    }
}
