package org.bkdms.ledger.chain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.bkdms.ledger.blocklog.BlockLogFormat;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.blocklog.ScanReport;
import org.bkdms.ledger.contracts.ContractState;

/**
 * Offline verification of a node's whole block log, as {@code bkdms verify-chain} runs it: first
 * every frame (magic, length, CRC), then every block from genesis (decoding, height, hash link,
 * Merkle root, node signatures) with every transaction replayed through the smart contracts.
 * Reads only: nothing is locked or repaired, so it may run beside a live node.
 */
public final class ChainAudit {

    /**
     * The outcome of an audit.
     *
     * @param blocks blocks verified
     * @param transactions transactions verified and replayed
     * @param bytes size of the verified part of the log
     * @param problem the first inconsistency, if any
     */
    public record Report(long blocks, long transactions, long bytes, Optional<Problem> problem) {
        /** @return whether the log verified completely */
        public boolean consistent() {
            return problem.isEmpty();
        }
    }

    /**
     * The first inconsistency found.
     *
     * @param height the block at fault (-1 for the file header)
     * @param offset byte offset in {@code blocks.log}
     * @param message what is wrong
     */
    public record Problem(long height, long offset, String message) {
    }

    private ChainAudit() {
    }

    /**
     * @param dataDirectory a node's data directory (holding {@code blocks.log})
     * @param state an empty contract state to replay into
     * @param progress called with each verified height (for progress output); may be a no-op
     * @return the report
     * @throws IOException if the log cannot be read
     */
    public static Report verify(Path dataDirectory, ContractState state, LongConsumer progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        ScanReport scan = FileBlockLog.verify(dataDirectory);
        ChainVerifier verifier = new ChainVerifier(state, null);
        long verifiedBytes = 0;
        try (FileChannel ch = FileChannel.open(dataDirectory.resolve(FileBlockLog.LOG_FILE_NAME), StandardOpenOption.READ)) {
            long frame = BlockLogFormat.FIRST_FRAME_OFFSET;
            ByteBuffer header = ByteBuffer.allocate(BlockLogFormat.FRAME_HEADER_SIZE);
            for (long h = 0; h < scan.validBlocks(); h++) {
                header.clear();
                readFully(ch, header, frame);
                int length = header.getInt(4);
                long payload = BlockLogFormat.payloadOffset(frame);
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(ch, body, payload);
                try {
                    verifier.verify(body.array(), new BlockPosition(payload, length));
                } catch (ChainException e) {
                    return new Report(verifier.nextHeight(), verifier.transactions(), verifiedBytes,
                            Optional.of(new Problem(e.height(), e.offset(), e.getMessage())));
                }
                progress.accept(h);
                frame = payload + length;
                verifiedBytes = frame;
            }
        }
        Optional<Problem> frameProblem = scan.firstInconsistency().map(i -> new Problem(i.height(), i.offset(),
                (i.tornTail() ? "torn write at the end of the log (a node truncates it when it restarts): " : "")
                        + i.defect() + ": " + i.detail()));
        return new Report(verifier.nextHeight(), verifier.transactions(), verifiedBytes, frameProblem);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("block log ended at " + at + " while reading a frame the scan found valid");
            }
            at += n;
        }
    }
}
