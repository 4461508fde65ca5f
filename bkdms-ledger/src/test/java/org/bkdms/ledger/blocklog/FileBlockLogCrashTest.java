package org.bkdms.ledger.blocklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real appending process with SIGKILL at an arbitrary moment and checks that every block it
 * acknowledged is in the log afterwards, three times over the same directory, so the child also
 * recovers from the previous kill. This covers process crashes; losing power would also need a file
 * system that drops unsynced writes, which a test cannot arrange here.
 */
class FileBlockLogCrashTest {
    private static final String END = "<end of stream>";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyAcknowledgedBlockSurvivesAKillNineOfTheWriter() throws Exception {
        Path data = dir.resolve("data");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long expectedFirst = 0;
        for (int round = 0; round < 3; round++) {
            String mode = round == 1 ? "batch" : "single";
            int acksBeforeKill = 100 + random.nextInt(300);
            Killed killed = runAndKill(data, mode, acksBeforeKill, "seed " + seed + ", round " + round);
            assertThat(killed.firstHeight()).as("the child resumes where the log ends").isEqualTo(expectedFirst);
            assertThat(killed.acked()).hasSizeGreaterThanOrEqualTo(acksBeforeKill);

            long lastAck = killed.acked().get(killed.acked().size() - 1);
            try (FileBlockLog log = FileBlockLog.open(data)) {
                assertThat(log.recoveryReport().lostIndexedBlocks()).isFalse();
                assertThat(log.height()).as("seed %d, round %d: %s", seed, round, log.recoveryReport())
                        .isGreaterThan(lastAck);
                // acknowledged blocks, and any block that made it without an ack, are exactly what was written
                for (long h = 0; h < log.height(); h++) {
                    assertThat(log.read(h)).as("block %d", h).isEqualTo(BlockFixtures.crashPayload(h));
                }
                expectedFirst = log.height();
                // One line per round, so a failure report shows where each kill landed.
                System.out.printf("kill round %d (%s): %d acks up to height %d, log holds %d blocks, %s%n", round,
                        mode, killed.acked().size(), lastAck, log.height(), log.recoveryReport());
            }
            assertThat(FileBlockLog.verify(data).consistent()).isTrue();
        }
    }

    private record Killed(long firstHeight, List<Long> acked) {
    }

    private Killed runAndKill(Path data, String mode, int acksBeforeKill, String context) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path stderr = dir.resolve("child-" + System.nanoTime() + ".err");
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), BlockLogAppenderMain.class.getName(),
                data.toString(), mode)
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                lines.add(END);
            }
        }, "crash-test-stdout");
        pump.setDaemon(true);
        pump.start();
        try {
            String open = next(lines, child, stderr, context);
            assertThat(open).startsWith("open ");
            long first = Long.parseLong(open.split(" ")[1]);
            List<Long> acked = new ArrayList<>();
            while (acked.size() < acksBeforeKill) {
                acked.add(parseAck(next(lines, child, stderr, context), first + acked.size()));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("child exits after SIGKILL").isTrue();
            // Lines already in the pipe were printed after their appends returned: acknowledged too.
            // A line cut by the kill is not an ack.
            for (String line; !(line = next(lines, child, stderr, context)).equals(END); ) {
                if (line.matches("ack \\d+")) {
                    acked.add(parseAck(line, first + acked.size()));
                }
            }
            return new Killed(first, acked);
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long parseAck(String line, long expected) {
        assertThat(line).isEqualTo("ack " + expected);
        return expected;
    }

    private static String next(BlockingQueue<String> lines, Process child, Path stderr, String context)
            throws InterruptedException, IOException {
        String line = lines.poll(15, TimeUnit.SECONDS);
        if (line == null || (line.equals(END) && child.isAlive())) {
            fail("no output from the child within 15 s (" + context + "); stderr: " + Files.readString(stderr));
        }
        if (line.equals(END) && child.exitValue() != 137 && child.exitValue() != 9 && !Files.readString(stderr).isEmpty()) {
            fail("child failed (" + context + "), exit " + child.exitValue() + ": " + Files.readString(stderr));
        }
        return line;
    }
}
