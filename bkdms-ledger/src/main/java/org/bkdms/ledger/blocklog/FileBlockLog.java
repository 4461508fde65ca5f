package org.bkdms.ledger.blocklog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bkdms.ledger.blocklog.CorruptBlockLogException.Defect;
import org.bkdms.ledger.blocklog.ScanReport.Inconsistency;

/**
 * A crash-safe {@link BlockLog} kept in one file, {@code blocks.log}, in a data directory, with a
 * rebuildable index, {@code blocks.idx}, beside it. One file keeps every {@link BlockPosition}
 * a plain offset into one byte sequence, which is what an auditor of a Table 10-3 block recorder
 * needs.
 *
 * <p><b>Format.</b> An 8-octet file header, "BKDMSLG1", then one frame per block, without gaps:
 *
 * <pre>
 * offset  size  field
 * 0       4     magic   0x424B424C ("BKBL"), big-endian
 * 4       4     length  payload octets, big-endian, 1 .. 64 MiB
 * 8       4     crc32c  CRC-32C (java.util.zip.CRC32C) of the payload, big-endian
 * 12      n     payload the block; BlockPosition.offset points here
 * </pre>
 *
 * The index holds one fixed-size entry per height (offset, length, checksum of the two), so that
 * opening reads the index instead of the whole log. {@link BlockLogFormat} has the arithmetic and
 * {@code docs/BLOCKLOG.md} the full description.
 *
 * <p><b>Durability (fsync policy).</b> {@link #append(byte[])} writes the frame, then calls {@code
 * FileChannel.force(false)} (fdatasync on Linux, which also persists the grown file size), and MUST
 * NOT return before that call has; {@link #appendAll(List)} writes every frame with one gathering
 * write and forces once. Only after the frames are durable is the block visible to readers and its
 * index entry written: an index entry MUST NOT be written before its frame is durable, so the index
 * never names a frame that a crash could lose. The index itself is forced lazily, once every {@link
 * Builder#indexSyncInterval(int)} blocks and on {@link #close()}, because recovery rebuilds any
 * entries a crash loses from the log. Creating the files also forces the directory (and a newly
 * created directory's parent), so that a new log does not vanish with its directory entry.
 * Truncating a torn tail on open is forced with {@code force(true)}, since it changes only metadata.
 *
 * <p><b>Recovery.</b> Opening checks the file header, loads the well-formed index entries, drops
 * entries that point past the end of the log or whose frame header does not match, and then walks
 * the frames after the last trusted entry, indexing each valid one. The first invalid frame (cut
 * header, cut payload, wrong checksum, garbage) is a torn tail if no valid frame starts anywhere
 * after it: the file is then truncated to the end of the last valid frame, which loses nothing that
 * was acknowledged, and {@link #recoveryReport()} says how much was cut. If a valid frame does
 * follow, the damage cannot come from an interrupted append and opening fails with {@link
 * CorruptBlockLogException}; the file is left untouched for repair. Frames covered by trusted
 * index entries are never treated as torn, because their entries prove they were durable; they are
 * not re-read on open
 * (unless {@link Builder#verifyOnOpen(boolean)}); their checksums are checked by every {@link
 * #read(long)} and by {@link #verify(Path)}.
 *
 * <p><b>Threads.</b> Appends and {@link #close()} are serialized by a lock; the intended use is one
 * writer. Any number of threads may read concurrently with each other and with the writer: reads
 * use positional {@code FileChannel.read} on a channel of their own and never move a shared
 * position. An interrupted reader closes that channel (a property of {@code FileChannel}); the log
 * then opens a new one, so other readers are not affected. An interrupted writer, like any failed
 * write, leaves the log refusing appends until it is opened again. Only one {@code FileBlockLog} at
 * a time may have a directory open: a lock on {@code blocks.lock} enforces it across processes, and
 * a registry of open directories within this JVM.
 */
public final class FileBlockLog implements BlockLog {
    /** Name of the log file in the data directory. */
    public static final String LOG_FILE_NAME = "blocks.log";
    /** Name of the index file in the data directory. */
    public static final String INDEX_FILE_NAME = "blocks.idx";
    /** Name of the lock file in the data directory, which only ever holds the writer's lock. */
    public static final String LOCK_FILE_NAME = "blocks.lock";
    /** Default number of appended blocks after which the index is forced. */
    public static final int DEFAULT_INDEX_SYNC_INTERVAL = 256;

    /**
     * Directories open in this JVM. File locks are per process on Linux and are dropped when any
     * descriptor of the locked file closes, so a second open in the same JVM must be refused before
     * it touches the lock file.
     */
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path logFile;
    private final FileChannel writeChannel;
    private final FileChannel lockChannel;
    private final FileChannel indexChannel;
    private final FileLock lock;
    private final PositionTable positions;
    private final RecoveryReport recoveryReport;
    private final int indexSyncInterval;
    private final Object readChannelLock = new Object();
    private volatile FileChannel readChannel;
    private volatile boolean closed;
    /** Guarded by {@code this}. */
    private IOException failure;
    /** Guarded by {@code this}. */
    private long unsyncedIndexEntries;

    private FileBlockLog(Path directory, FileChannel lockChannel, FileLock lock, FileChannel writeChannel,
            FileChannel indexChannel, FileChannel readChannel, PositionTable positions, RecoveryReport recoveryReport,
            int indexSyncInterval) {
        this.directory = directory;
        this.logFile = directory.resolve(LOG_FILE_NAME);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writeChannel = writeChannel;
        this.indexChannel = indexChannel;
        this.readChannel = readChannel;
        this.positions = positions;
        this.recoveryReport = recoveryReport;
        this.indexSyncInterval = indexSyncInterval;
    }

    /**
     * Opens the log in a data directory with default settings, creating the directory and an empty
     * log if there is none, and recovering from a crash if needed.
     *
     * @param dataDirectory the directory holding {@code blocks.log} and {@code blocks.idx}
     * @return the open log; see {@link #recoveryReport()} for what recovery did
     * @throws IOException if the files cannot be read, written or locked
     * @throws CorruptBlockLogException if the log is damaged in a way a crash cannot explain
     */
    public static FileBlockLog open(Path dataDirectory) throws IOException {
        return newBuilder().dataDirectory(dataDirectory).open();
    }

    /** @return a builder for settings other than the defaults */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Walks every frame of the log in a data directory and reports the first inconsistency, reading
     * only: nothing is repaired or locked, so it may run beside an open log (which may show a torn
     * tail while an append is in flight). The index is not consulted.
     *
     * @param dataDirectory the directory holding {@code blocks.log}
     * @return the number of valid frames and the first inconsistency, if any
     * @throws IOException if the file is missing or cannot be read
     */
    public static ScanReport verify(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(LOG_FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(BlockLogFormat.FILE_HEADER_SIZE);
            int n = FrameScanner.readFully(channel, header, 0);
            if (n < BlockLogFormat.FILE_HEADER_SIZE || !Arrays.equals(header.array(), BlockLogFormat.fileHeader())) {
                boolean torn = n < BlockLogFormat.FILE_HEADER_SIZE && BlockLogFormat.isFileHeaderPrefix(header.array(), n);
                return new ScanReport(0, 0, size, Optional.of(new Inconsistency(0, -1, Defect.FILE_HEADER, torn,
                        fileHeaderProblem(header.array(), n))));
            }
            FrameScanner.Outcome outcome = FrameScanner.scan(channel, size, BlockLogFormat.FIRST_FRAME_OFFSET, 0,
                    (h, p) -> { });
            return new ScanReport(outcome.validBlocks(), outcome.validEnd(), size,
                    Optional.ofNullable(outcome.inconsistency()));
        }
    }

    /** @return what opening found and repaired; the caller should log it */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /** @return the data directory, as a real path (symbolic links resolved) */
    public Path dataDirectory() {
        return directory;
    }

    @Override
    public BlockPosition append(byte[] block) throws IOException {
        return appendAll(List.of(block)).get(0);
    }

    @Override
    public synchronized List<BlockPosition> appendAll(List<byte[]> blocks) throws IOException {
        ensureOpen();
        for (byte[] block : blocks) {
            BlockLogFormat.requireValidPayload(Objects.requireNonNull(block, "block"));
        }
        if (failure != null) {
            throw new IOException("block log " + logFile + " failed earlier and must be opened again", failure);
        }
        if (blocks.isEmpty()) {
            return List.of();
        }
        List<BlockPosition> appended = new ArrayList<>(blocks.size());
        ByteBuffer[] buffers = new ByteBuffer[2 * blocks.size()];
        BlockPosition previous = positions.last();
        for (int i = 0; i < blocks.size(); i++) {
            byte[] block = blocks.get(i);
            BlockPosition position = BlockLogFormat.next(previous, block.length);
            buffers[2 * i] = ByteBuffer.wrap(BlockLogFormat.frameHeader(block));
            buffers[2 * i + 1] = ByteBuffer.wrap(block);
            appended.add(position);
            previous = position;
        }
        long firstHeight = positions.size();
        try {
            writeFully(buffers, positions.end());
            writeChannel.force(false);
            // Durable from here on: publish to readers, then record in the index.
            for (BlockPosition position : appended) {
                positions.add(position);
            }
            IndexFile.writeFully(indexChannel, IndexFile.encode(appended), IndexFile.entryOffset(firstHeight));
            unsyncedIndexEntries += appended.size();
            if (unsyncedIndexEntries >= indexSyncInterval) {
                indexChannel.force(false);
                unsyncedIndexEntries = 0;
            }
        } catch (IOException | RuntimeException e) {
            // After a failed write or fsync the kernel may have dropped the dirty pages and a retry
            // could report success over lost data, so the only safe continuation is a fresh open,
            // whose recovery re-reads what actually reached the file.
            failure = e instanceof IOException io ? io : new IOException(e);
            throw e;
        }
        return appended;
    }

    private void writeFully(ByteBuffer[] buffers, long position) throws IOException {
        writeChannel.position(position);
        int first = 0;
        while (first < buffers.length) {
            writeChannel.write(buffers, first, buffers.length - first);
            while (first < buffers.length && !buffers[first].hasRemaining()) {
                first++;
            }
        }
    }

    @Override
    public long height() {
        ensureOpen();
        return positions.size();
    }

    @Override
    public BlockPosition position(long height) {
        ensureOpen();
        return positions.get(height);
    }

    @Override
    public byte[] read(long height) throws IOException {
        ensureOpen();
        return readFrame(height, positions.get(height));
    }

    @Override
    public byte[] read(BlockPosition position) throws IOException {
        ensureOpen();
        long height = positions.find(position);
        if (height < 0) {
            throw new IllegalArgumentException("no block of " + logFile + " lies exactly at " + position);
        }
        return readFrame(height, position);
    }

    @Override
    public long sizeBytes() {
        ensureOpen();
        return positions.end();
    }

    private byte[] readFrame(long height, BlockPosition position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(BlockLogFormat.FRAME_HEADER_SIZE);
        byte[] payload = new byte[position.length()];
        for (int attempt = 0;; attempt++) {
            FileChannel channel = readChannel;
            try {
                int h = FrameScanner.readFully(channel, header.clear(), position.frameOffset());
                int p = FrameScanner.readFully(channel, ByteBuffer.wrap(payload), position.offset());
                if (h < header.capacity() || p < payload.length) {
                    throw corrupt(position, height, Defect.TRUNCATED_FRAME, "the file ends inside the frame");
                }
                break;
            } catch (ClosedChannelException e) {
                // A reader interrupted in FileChannel.read closes the channel for every thread.
                // Replace it so the others carry on; the interrupted thread still gets its exception.
                if (closed || attempt >= 3) {
                    throw e;
                }
                replaceReadChannel(channel);
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        }
        if (header.getInt(0) != BlockLogFormat.FRAME_MAGIC || header.getInt(4) != position.length()) {
            throw corrupt(position, height, Defect.FRAME_HEADER, String.format(
                    "frame header says magic 0x%08X length %d, expected 0x%08X and the indexed length %d",
                    header.getInt(0), Integer.toUnsignedLong(header.getInt(4)), BlockLogFormat.FRAME_MAGIC,
                    position.length()));
        }
        int actual = BlockLogFormat.checksum(payload);
        if (actual != header.getInt(8)) {
            throw corrupt(position, height, Defect.CHECKSUM, String.format(
                    "payload CRC-32C is 0x%08X, the frame says 0x%08X", actual, header.getInt(8)));
        }
        return payload;
    }

    private CorruptBlockLogException corrupt(BlockPosition position, long height, Defect defect, String detail) {
        return new CorruptBlockLogException(logFile, position.frameOffset(), height, defect, detail);
    }

    private void replaceReadChannel(FileChannel broken) throws IOException {
        synchronized (readChannelLock) {
            if (readChannel == broken && !closed) {
                readChannel = FileChannel.open(logFile, StandardOpenOption.READ);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("block log " + logFile + " is closed");
        }
    }

    /**
     * Forces the index (unless an append failed, since the index is rebuilt on the next open anyway),
     * closes the files and releases the directory lock.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        try {
            if (failure == null && unsyncedIndexEntries > 0) {
                indexChannel.force(false);
            }
        } catch (IOException e) {
            first = e;
        }
        synchronized (readChannelLock) {
            first = closeQuietly(readChannel, first);
        }
        first = closeQuietly(indexChannel, first);
        first = closeQuietly(writeChannel, first);
        try {
            lock.release();
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        first = closeQuietly(lockChannel, first);
        OPEN_DIRECTORIES.remove(directory);
        if (first != null) {
            throw first;
        }
    }

    private static IOException closeQuietly(FileChannel channel, IOException first) {
        try {
            channel.close();
            return first;
        } catch (IOException e) {
            if (first != null) {
                first.addSuppressed(e);
                return first;
            }
            return e;
        }
    }

    private static String fileHeaderProblem(byte[] header, int n) {
        if (n < BlockLogFormat.FILE_HEADER_SIZE) {
            return "the file has " + n + " octets, fewer than the " + BlockLogFormat.FILE_HEADER_SIZE
                    + "-octet header \"BKDMSLG1\"";
        }
        return "the file starts with 0x" + java.util.HexFormat.of().formatHex(header, 0, n)
                + ", not the header \"BKDMSLG1\"; it is not a BKDMS block log";
    }

    private static void syncDirectory(Path dir) throws IOException {
        // Windows cannot open a directory as a channel, and NTFS makes the entry durable on its own.
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Settings for opening a {@link FileBlockLog}. Not thread-safe; one builder may open several
     * logs in turn.
     */
    public static final class Builder {
        private Path dataDirectory;
        private int indexSyncInterval = DEFAULT_INDEX_SYNC_INTERVAL;
        private boolean verifyOnOpen;

        private Builder() {
        }

        /**
         * @param dataDirectory the directory holding {@code blocks.log} and {@code blocks.idx};
         *     created if missing. Required.
         * @return this builder
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /**
         * @param indexSyncInterval force the index after this many appended blocks, at least 1;
         *     a larger value saves fsyncs, a smaller one shortens the scan after a crash
         * @return this builder
         */
        public Builder indexSyncInterval(int indexSyncInterval) {
            if (indexSyncInterval < 1) {
                throw new IllegalArgumentException("indexSyncInterval must be at least 1, not " + indexSyncInterval);
            }
            this.indexSyncInterval = indexSyncInterval;
            return this;
        }

        /**
         * @param verifyOnOpen whether opening reads and checks every frame, including those the index
         *     covers, so that damage anywhere fails the open instead of the first read of the damaged
         *     block; costs a read of the whole log
         * @return this builder
         */
        public Builder verifyOnOpen(boolean verifyOnOpen) {
            this.verifyOnOpen = verifyOnOpen;
            return this;
        }

        /**
         * Opens the log, creating and recovering it as {@link FileBlockLog} describes.
         *
         * @return the open log
         * @throws IOException if the files cannot be read, written or locked, or another {@code
         *     FileBlockLog} has the directory open
         * @throws CorruptBlockLogException if the log is damaged in a way a crash cannot explain
         * @throws IllegalStateException if no data directory was set
         */
        public FileBlockLog open() throws IOException {
            if (dataDirectory == null) {
                throw new IllegalStateException("dataDirectory is required");
            }
            return new Opener(dataDirectory, indexSyncInterval, verifyOnOpen).open();
        }
    }

    /** The steps of opening, kept apart so that a failure at any step closes what was opened. */
    private static final class Opener {
        private final Path directory;
        private final Path logFile;
        private final Path indexFile;
        private final Path lockFile;
        private final int indexSyncInterval;
        private final boolean verifyOnOpen;
        private final List<FileChannel> opened = new ArrayList<>();

        Opener(Path directory, int indexSyncInterval, boolean verifyOnOpen) {
            this.directory = directory;
            this.logFile = directory.resolve(LOG_FILE_NAME);
            this.indexFile = directory.resolve(INDEX_FILE_NAME);
            this.lockFile = directory.resolve(LOCK_FILE_NAME);
            this.indexSyncInterval = indexSyncInterval;
            this.verifyOnOpen = verifyOnOpen;
        }

        FileBlockLog open() throws IOException {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                // The new directory's own entry lives in its parent, which must be made durable too.
                Path parent = directory.toAbsolutePath().getParent();
                if (parent != null) {
                    syncDirectory(parent);
                }
            }
            Path key = directory.toRealPath();
            if (!OPEN_DIRECTORIES.add(key)) {
                throw new IOException("block log in " + directory + " is already open in this process");
            }
            try {
                return openChannels(key);
            } catch (IOException | RuntimeException e) {
                OPEN_DIRECTORIES.remove(key);
                for (FileChannel channel : opened) {
                    try {
                        channel.close();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        private FileChannel track(FileChannel channel) {
            opened.add(channel);
            return channel;
        }

        private FileBlockLog openChannels(Path key) throws IOException {
            boolean newFiles = !Files.exists(logFile) || !Files.exists(indexFile) || !Files.exists(lockFile);
            // The lock lives in a file nothing else opens: closing any descriptor of a locked file
            // would drop the lock, and readers and verify() open blocks.log.
            FileChannel lockChannel = track(FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE));
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("block log in " + directory + " is already open by another process");
            }
            FileChannel log = track(FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
            FileChannel index = track(FileChannel.open(indexFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
            PositionTable table = new PositionTable();
            boolean indexHeaderOk = IndexFile.load(index, table);
            long loaded = table.size();

            boolean created = initializeIfEmpty(log, loaded);
            if (newFiles) {
                syncDirectory(directory);
            }
            long size = log.size();

            // Index entries are hints: keep the longest prefix whose last frame is really there.
            int trusted = table.size();
            while (trusted > 0) {
                BlockPosition last = table.get(trusted - 1);
                if (last.end() <= size && FrameScanner.headerMatches(log, last.frameOffset(), last.length())) {
                    break;
                }
                trusted--;
            }
            table.truncate(trusted);

            FrameScanner.Outcome outcome = verifyOnOpen ? verifyAll(log, size, table)
                    : FrameScanner.scan(log, size, table.end(), trusted, (h, p) -> table.add(p));
            long truncated = 0;
            Inconsistency bad = outcome.inconsistency();
            if (bad != null) {
                if (!bad.tornTail() || bad.height() < trusted) {
                    throw new CorruptBlockLogException(logFile, bad.offset(), bad.height(), bad.defect(),
                            bad.tornTail() ? bad.detail() + ", but the index shows the block was durable" : bad.detail());
                }
                truncated = size - outcome.validEnd();
                log.truncate(outcome.validEnd());
                log.force(true);
            }
            long rebuilt = table.size() - trusted;
            rewriteIndexTail(index, indexHeaderOk, table, trusted);
            FileChannel reader = track(FileChannel.open(logFile, StandardOpenOption.READ));
            RecoveryReport report = new RecoveryReport(created, table.size(), trusted, loaded - trusted, rebuilt,
                    truncated, table.end());
            return new FileBlockLog(key, lockChannel, lock, log, index, reader, table, report, indexSyncInterval);
        }

        /**
         * Writes the file header into an empty log, or into one whose creation a crash cut short.
         *
         * @return whether the log was (re)initialized
         */
        private boolean initializeIfEmpty(FileChannel log, long indexedBlocks) throws IOException {
            long size = log.size();
            ByteBuffer header = ByteBuffer.allocate(BlockLogFormat.FILE_HEADER_SIZE);
            int n = FrameScanner.readFully(log, header, 0);
            if (n == BlockLogFormat.FILE_HEADER_SIZE && Arrays.equals(header.array(), BlockLogFormat.fileHeader())) {
                return false;
            }
            if (size >= BlockLogFormat.FILE_HEADER_SIZE || !BlockLogFormat.isFileHeaderPrefix(header.array(), n)) {
                throw new CorruptBlockLogException(logFile, 0, -1, Defect.FILE_HEADER, fileHeaderProblem(header.array(), n));
            }
            if (indexedBlocks > 0) {
                // Index entries are written only after the header is durable, so a torn header with a
                // filled index means the log was lost or replaced, not that its creation was interrupted.
                throw new CorruptBlockLogException(logFile, 0, -1, Defect.FILE_HEADER,
                        fileHeaderProblem(header.array(), n) + ", but " + INDEX_FILE_NAME + " lists " + indexedBlocks
                                + " blocks");
            }
            IndexFile.writeFully(log, ByteBuffer.wrap(BlockLogFormat.fileHeader()), 0);
            log.force(true);
            return true;
        }

        /** Walks every frame from the start, checking that the trusted index entries agree. */
        private FrameScanner.Outcome verifyAll(FileChannel log, long size, PositionTable table) throws IOException {
            int trusted = table.size();
            return FrameScanner.scan(log, size, BlockLogFormat.FIRST_FRAME_OFFSET, 0, (h, p) -> {
                if (h < trusted) {
                    if (!table.get(h).equals(p)) {
                        throw new CorruptBlockLogException(logFile, p.frameOffset(), h, Defect.FRAME_HEADER,
                                "the frame holds " + p + " but the index says " + table.get(h));
                    }
                } else {
                    table.add(p);
                }
            });
        }

        /** Makes the index file hold exactly the table: header, kept entries, rebuilt entries. */
        private void rewriteIndexTail(FileChannel index, boolean headerOk, PositionTable table, int trusted)
                throws IOException {
            int height = table.size();
            long expectedSize = IndexFile.entryOffset(height);
            if (headerOk && trusted == height && index.size() == expectedSize) {
                return;
            }
            if (!headerOk) {
                IndexFile.writeFully(index, IndexFile.header(), 0);
            }
            int from = headerOk ? trusted : 0;
            int batch = 4096;
            for (int h = from; h < height; h += batch) {
                List<BlockPosition> chunk = new ArrayList<>(Math.min(batch, height - h));
                for (int i = h; i < Math.min(height, h + batch); i++) {
                    chunk.add(table.get(i));
                }
                IndexFile.writeFully(index, IndexFile.encode(chunk), IndexFile.entryOffset(h));
            }
            index.truncate(expectedSize);
            index.force(true);
        }
    }

}
