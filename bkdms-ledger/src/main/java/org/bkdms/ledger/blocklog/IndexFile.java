package org.bkdms.ledger.blocklog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The {@code blocks.idx} file: derived data that lets {@link FileBlockLog} open without reading
 * every frame. It can always be rebuilt from {@code blocks.log}, so it is made durable lazily.
 *
 * <pre>
 * index  = "BKDMSIX1" entry*                 8-octet header, then one entry per height
 * entry  = offset length crc32c              16 octets, at 8 + 16 * height
 * offset = BlockPosition.offset              u64, big-endian
 * length = BlockPosition.length              u32, big-endian
 * crc32c = CRC-32C of offset and length      u32, big-endian
 * </pre>
 *
 * The checksum catches an entry torn by a crash or left as zeros by a file system that extended the
 * file but did not write the data.
 */
final class IndexFile {
    static final int HEADER_SIZE = 8;
    static final int ENTRY_SIZE = 16;
    private static final byte[] MAGIC = "BKDMSIX1".getBytes(StandardCharsets.US_ASCII);
    private static final int ENTRIES_PER_READ = 4096;

    private IndexFile() {
    }

    /**
     * @param height a block height
     * @return the offset of its entry in the index file
     */
    static long entryOffset(long height) {
        return HEADER_SIZE + ENTRY_SIZE * height;
    }

    /** @return the file header */
    static ByteBuffer header() {
        return ByteBuffer.wrap(MAGIC.clone());
    }

    /**
     * Reads entries into {@code table} as long as they are well-formed: checksum right, length
     * valid, and each starting exactly where the previous frame ends.
     *
     * @param channel the index file
     * @param table an empty table to fill
     * @return whether the file header is right; if not, nothing is read
     * @throws IOException if the file cannot be read
     */
    static boolean load(FileChannel channel, PositionTable table) throws IOException {
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        if (size < HEADER_SIZE || FrameScanner.readFully(channel, header, 0) < HEADER_SIZE
                || !Arrays.equals(header.array(), MAGIC)) {
            return false;
        }
        long entries = (size - HEADER_SIZE) / ENTRY_SIZE;
        ByteBuffer buffer = ByteBuffer.allocate(ENTRY_SIZE * ENTRIES_PER_READ);
        CRC32C crc = new CRC32C();
        for (long h = 0; h < entries; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), (entries - h) * ENTRY_SIZE));
            int n = FrameScanner.readFully(channel, buffer, entryOffset(h)) / ENTRY_SIZE;
            for (int i = 0; i < n; i++, h++) {
                int at = i * ENTRY_SIZE;
                long offset = buffer.getLong(at);
                long length = Integer.toUnsignedLong(buffer.getInt(at + 8));
                crc.reset();
                crc.update(buffer.array(), at, 12);
                if ((int) crc.getValue() != buffer.getInt(at + 12) || !BlockLogFormat.isValidPayloadLength(length)
                        || BlockLogFormat.frameOffset(offset) != table.end()) {
                    return true;
                }
                table.add(new BlockPosition(offset, (int) length));
            }
            if (n == 0) {
                break;
            }
        }
        return true;
    }

    /**
     * @param positions consecutive positions
     * @return their entries, ready to write at the entry offset of the first
     */
    static ByteBuffer encode(List<BlockPosition> positions) {
        ByteBuffer buffer = ByteBuffer.allocate(ENTRY_SIZE * positions.size());
        CRC32C crc = new CRC32C();
        for (BlockPosition p : positions) {
            int at = buffer.position();
            buffer.putLong(p.offset()).putInt(p.length());
            crc.reset();
            crc.update(buffer.array(), at, 12);
            buffer.putInt((int) crc.getValue());
        }
        return buffer.flip();
    }

    /**
     * Writes all of {@code buffer} at {@code position} with positional writes.
     *
     * @throws IOException if the file cannot be written
     */
    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
