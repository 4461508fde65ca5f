package org.bkdms.ledger.blocklog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link FileBlockLogCrashTest}: opens a {@link FileBlockLog} and appends
 * {@link BlockFixtures#crashPayload(long)} blocks until it is killed, printing {@code ack <height>} for
 * each block only after its append has returned, so every printed height is acknowledged.
 *
 * <p>Arguments: the data directory, then {@code single} (one append per block) or {@code batch}
 * (group commits of 1 to 8 blocks). It stops on its own after a bounded number of blocks or
 * seconds, or when its parent is gone, so a failed test leaves no runaway process.
 */
public final class BlockLogAppenderMain {
    private static final long MAX_BLOCKS = 50_000;
    private static final long MAX_NANOS = 60_000_000_000L;

    private BlockLogAppenderMain() {
    }

    /**
     * @param args data directory, then {@code single} or {@code batch}
     * @throws Exception on any failure, which ends the process with a stack trace on stderr
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean batch = args.length > 1 && args[1].equals("batch");
        PrintStream out = new PrintStream(System.out, false, "US-ASCII");
        long started = System.nanoTime();
        try (FileBlockLog log = FileBlockLog.open(dir)) {
            out.println("open " + log.height() + " " + log.recoveryReport());
            out.flush();
            long first = log.height();
            long h = first;
            while (h - first < MAX_BLOCKS && System.nanoTime() - started < MAX_NANOS
                    && ProcessHandle.current().parent().map(ProcessHandle::isAlive).orElse(false)) {
                int count = batch ? 1 + (int) (h % 8) : 1;
                List<byte[]> blocks = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    blocks.add(BlockFixtures.crashPayload(h + i));
                }
                if (count == 1) {
                    log.append(blocks.get(0));
                } else {
                    log.appendAll(blocks);
                }
                for (int i = 0; i < count; i++) {
                    out.println("ack " + (h + i));
                }
                out.flush();
                h += count;
            }
        }
    }
}
