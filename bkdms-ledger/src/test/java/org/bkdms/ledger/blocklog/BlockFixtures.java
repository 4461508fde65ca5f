package org.bkdms.ledger.blocklog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** Deterministic blocks and raw-file helpers shared by the block log tests and the crash child. */
final class BlockFixtures {
    private BlockFixtures() {
    }

    /**
     * @param height a block height
     * @return the block the tests put at that height: 1 to 3000 octets, the height in the first
     *     eight (when there is room), then pseudo-random octets seeded by the height
     */
    static byte[] payload(long height) {
        SplittableRandom random = new SplittableRandom(height * 0x9E3779B97F4A7C15L + 17);
        byte[] bytes = new byte[1 + random.nextInt(3000)];
        random.nextBytes(bytes);
        if (bytes.length >= 8) {
            ByteBuffer.wrap(bytes).putLong(height);
        }
        return bytes;
    }

    /**
     * @param height a block height
     * @return the block the crash test writes at that height: {@link #payload(long)}, except that
     *     every 32nd block is 0.25 to 2.25 MiB, so that a kill sometimes lands inside the write of
     *     a large frame and leaves it torn
     */
    static byte[] crashPayload(long height) {
        if (height % 32 != 31) {
            return payload(height);
        }
        SplittableRandom random = new SplittableRandom(height);
        byte[] bytes = new byte[(256 << 10) + random.nextInt(2 << 20)];
        random.nextBytes(bytes);
        ByteBuffer.wrap(bytes).putLong(height);
        return bytes;
    }

    static Path logFile(Path dir) {
        return dir.resolve(FileBlockLog.LOG_FILE_NAME);
    }

    static Path indexFile(Path dir) {
        return dir.resolve(FileBlockLog.INDEX_FILE_NAME);
    }

    /** Copies the log and index files (not the lock file) into a fresh directory. */
    static Path copyLog(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : new String[] {FileBlockLog.LOG_FILE_NAME, FileBlockLog.INDEX_FILE_NAME}) {
            if (Files.exists(from.resolve(name))) {
                Files.copy(from.resolve(name), to.resolve(name));
            }
        }
        return to;
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        overwrite(file, offset, new byte[] {(byte) (raw[(int) offset] ^ 0x01)});
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }
}
