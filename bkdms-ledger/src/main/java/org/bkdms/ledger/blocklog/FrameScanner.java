package org.bkdms.ledger.blocklog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;
import org.bkdms.ledger.blocklog.CorruptBlockLogException.Defect;
import org.bkdms.ledger.blocklog.ScanReport.Inconsistency;

/**
 * Walks the frames of a {@code blocks.log} file and tells a torn tail from corruption. Shared by
 * recovery on open and by {@link FileBlockLog#verify(java.nio.file.Path)} so that both apply the
 * same rule.
 *
 * <p>The rule: the first frame that is not valid is a torn tail if no valid frame starts anywhere
 * after its first byte, and corruption otherwise. An interrupted append leaves a prefix of what it
 * wrote, so nothing valid can follow the frame it broke; a valid frame after a bad one means octets
 * that were once durable have changed. The search looks at every byte offset rather than only at
 * where the next frame would start, because a damaged length field hides that place.
 */
final class FrameScanner {
    private static final int CHUNK = 64 * 1024;

    /** Receives each valid frame in order. */
    @FunctionalInterface
    interface FrameSink {
        void accept(long height, BlockPosition position) throws IOException;
    }

    /**
     * @param validBlocks valid frames seen
     * @param validEnd offset just past the last valid frame
     * @param inconsistency the first bad frame, or {@code null}
     */
    record Outcome(long validBlocks, long validEnd, Inconsistency inconsistency) {
    }

    private FrameScanner() {
    }

    /**
     * Walks frames from {@code start} to the end of the file.
     *
     * @param channel the log, read with positional reads only
     * @param fileSize the size of the file
     * @param start offset of the first frame to read
     * @param startHeight height of that frame
     * @param sink receives each valid frame
     * @return what was found
     * @throws IOException if the file cannot be read or the sink fails
     */
    static Outcome scan(FileChannel channel, long fileSize, long start, long startHeight, FrameSink sink)
            throws IOException {
        ByteBuffer header = ByteBuffer.allocate(BlockLogFormat.FRAME_HEADER_SIZE);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long pos = start;
        long height = startHeight;
        while (pos < fileSize) {
            String problem = null;
            Defect defect = null;
            long remaining = fileSize - pos;
            if (remaining < BlockLogFormat.FRAME_HEADER_SIZE) {
                defect = Defect.TRUNCATED_FRAME;
                problem = "the file ends " + remaining + " octets into a " + BlockLogFormat.FRAME_HEADER_SIZE
                        + "-octet frame header";
            } else {
                readFully(channel, header.clear(), pos);
                int magic = header.getInt(0);
                long length = Integer.toUnsignedLong(header.getInt(4));
                int expectedCrc = header.getInt(8);
                if (magic != BlockLogFormat.FRAME_MAGIC) {
                    defect = Defect.FRAME_HEADER;
                    problem = String.format("frame magic is 0x%08X, expected 0x%08X", magic, BlockLogFormat.FRAME_MAGIC);
                } else if (!BlockLogFormat.isValidPayloadLength(length)) {
                    defect = Defect.FRAME_HEADER;
                    problem = "payload length " + length + " is not 1.." + BlockLogFormat.MAX_PAYLOAD_LENGTH;
                } else if (remaining - BlockLogFormat.FRAME_HEADER_SIZE < length) {
                    defect = Defect.TRUNCATED_FRAME;
                    problem = "the frame announces " + length + " payload octets but the file ends after "
                            + (remaining - BlockLogFormat.FRAME_HEADER_SIZE);
                } else {
                    int actualCrc = crc(channel, BlockLogFormat.payloadOffset(pos), (int) length, chunk);
                    if (actualCrc != expectedCrc) {
                        defect = Defect.CHECKSUM;
                        problem = String.format("payload CRC-32C is 0x%08X, the frame says 0x%08X", actualCrc,
                                expectedCrc);
                    } else {
                        sink.accept(height, new BlockPosition(BlockLogFormat.payloadOffset(pos), (int) length));
                        pos = BlockLogFormat.payloadOffset(pos) + length;
                        height++;
                        continue;
                    }
                }
            }
            long follower = validFrameAfter(channel, fileSize, pos + 1);
            String detail = follower < 0 ? problem + "; nothing valid follows, so this is a torn write"
                    : problem + "; a valid frame follows at byte " + follower + ", so this is not a torn write";
            return new Outcome(height - startHeight, pos, new Inconsistency(pos, height, defect, follower < 0, detail));
        }
        return new Outcome(height - startHeight, pos, null);
    }

    /**
     * @param channel the log
     * @param frameOffset where a frame should start
     * @param length the payload length the index records for it
     * @return whether a frame header with the right magic and that length is there
     * @throws IOException if the file cannot be read
     */
    static boolean headerMatches(FileChannel channel, long frameOffset, int length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(BlockLogFormat.FRAME_HEADER_SIZE);
        return readFully(channel, header, frameOffset) == BlockLogFormat.FRAME_HEADER_SIZE
                && header.getInt(0) == BlockLogFormat.FRAME_MAGIC && header.getInt(4) == length;
    }

    /**
     * @param channel the log
     * @param fileSize the size of the file
     * @param from the first offset to try
     * @return the offset of the first complete frame with a matching checksum at or after {@code
     *     from}, or -1 if there is none
     * @throws IOException if the file cannot be read
     */
    static long validFrameAfter(FileChannel channel, long fileSize, long from) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(CHUNK);
        ByteBuffer header = ByteBuffer.allocate(BlockLogFormat.FRAME_HEADER_SIZE);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long base = from;
        while (fileSize - base >= BlockLogFormat.FRAME_HEADER_SIZE) {
            window.clear().limit((int) Math.min(CHUNK, fileSize - base));
            int n = readFully(channel, window, base);
            for (int i = 0; i + 4 <= n; i++) {
                if (window.getInt(i) == BlockLogFormat.FRAME_MAGIC && frameValidAt(channel, fileSize, base + i, header, chunk)) {
                    return base + i;
                }
            }
            // Overlap by three octets so a magic split across two windows is still seen.
            base += Math.max(1, n - 3);
        }
        return -1;
    }

    private static boolean frameValidAt(FileChannel channel, long fileSize, long pos, ByteBuffer header, ByteBuffer chunk)
            throws IOException {
        if (fileSize - pos < BlockLogFormat.FRAME_HEADER_SIZE) {
            return false;
        }
        readFully(channel, header.clear(), pos);
        long length = Integer.toUnsignedLong(header.getInt(4));
        return header.getInt(0) == BlockLogFormat.FRAME_MAGIC && BlockLogFormat.isValidPayloadLength(length)
                && fileSize - pos - BlockLogFormat.FRAME_HEADER_SIZE >= length
                && crc(channel, BlockLogFormat.payloadOffset(pos), (int) length, chunk) == header.getInt(8);
    }

    private static int crc(FileChannel channel, long offset, int length, ByteBuffer chunk) throws IOException {
        CRC32C crc = new CRC32C();
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - pos));
            int n = readFully(channel, chunk, pos);
            if (n == 0) {
                break;
            }
            chunk.flip();
            crc.update(chunk);
            pos += n;
        }
        return (int) crc.getValue();
    }

    /**
     * Fills {@code buffer} from {@code position} with positional reads, which never move the
     * channel's own position, so readers and the writer do not disturb each other.
     *
     * @return the number of octets read; less than requested only at the end of the file
     */
    static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
