package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32C;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.blocklog.BlockLogFormat;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.node.LedgerNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Builds a real chain on disk with a ledger node, then verifies (and tampers with) it offline. */
class VerifyChainCommandTest {
    @TempDir
    Path dir;

    private Path log;
    private BlockPosition block2;

    @BeforeEach
    void buildChain() throws Exception {
        LedgerFixture f = new LedgerFixture();
        try (LedgerNode node = LedgerNode.open(FileBlockLog.open(dir), f.newState(), new SoloOrderer.Settings(
                LedgerFixture.CHAIN_ID, LedgerFixture.NODE_ID, f.node, Duration.ofHours(1), 5, 1 << 20,
                new LedgerFixture.TestClock(Instant.parse("2026-03-01T08:00:00Z"))))) {
            node.initialize(f.genesis());
            for (int i = 1; i <= 12; i++) {
                node.submit(f.submission(i % 2 == 0 ? f.siteA : f.siteB, i));
            }
            node.flush();
            block2 = node.chain().position(2);
        }
        log = dir.resolve(FileBlockLog.LOG_FILE_NAME);
    }

    private CliRun verify() {
        return CliRun.of("verify-chain", "--data-dir", dir.toString());
    }

    @Test
    void anIntactChainVerifies() {
        CliRun r = verify();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 blocks, 17 transactions", "chain consistent");
    }

    @Test
    void aFlippedByteAnywhereIsFoundAndNamed() throws Exception {
        byte[] original = Files.readAllBytes(log);
        for (int i = 0; i < original.length; i += 97) {
            byte[] tampered = original.clone();
            tampered[i] ^= 0x01;
            Files.write(log, tampered);
            CliRun r = verify();
            assertThat(r.exit()).as("byte %d: %s", i, r.out()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
            assertThat(r.err()).startsWith("bkdms: CHAIN_INCONSISTENT: block ").contains(" at byte ");
        }
    }

    @Test
    void anEditThatKeepsTheFrameChecksumIsStillCaughtByTheChainItself() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        int payload = (int) block2.offset();
        bytes[payload + block2.length() / 2] ^= 0x04;
        // recompute the frame's CRC-32C so that only signatures, Merkle root and hash links can tell
        CRC32C crc = new CRC32C();
        crc.update(bytes, payload, block2.length());
        ByteBuffer.wrap(bytes, payload - 4, 4).putInt((int) crc.getValue());
        Files.write(log, bytes);
        CliRun r = verify();
        assertThat(r.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(r.err()).contains("block 2 at byte ");
        assertThat(BlockLogFormat.FRAME_HEADER_SIZE).isEqualTo(12);
    }

    @Test
    void aMissingDataDirectoryIsAnIoError() {
        StringWriter err = new StringWriter();
        CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("verify-chain", "--data-dir", dir.resolve("nope").toString())).isEqualTo(ExitCodes.IO_ERROR);
    }
}
