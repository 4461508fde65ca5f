package org.bkdms.ledger.blocklog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The geometry of the {@code blocks.log} file, as pure functions and constants, so that the log,
 * its recovery, its verifier and any independent reader compute offsets the same way.
 *
 * <pre>
 * file    = fileHeader frame*
 * header  = "BKDMSLG1"                          8 octets, ASCII
 * frame   = magic length crc32c payload
 * magic   = 0x424B424C ("BKBL")                 u32, big-endian
 * length  = number of payload octets            u32, big-endian, 1 .. 64 MiB
 * crc32c  = CRC-32C (Castagnoli) of the payload u32, big-endian
 * payload = the block, {@code length} octets
 * </pre>
 *
 * Frames follow each other without gaps, so the payload of block 0 starts at byte {@value
 * #FIRST_PAYLOAD_OFFSET} and every later frame starts where the previous payload ends. A {@link
 * BlockPosition} names the payload only, never the frame header. Stateless and thread-safe.
 */
public final class BlockLogFormat {
    /** Size of the file header, in octets. */
    public static final int FILE_HEADER_SIZE = 8;
    /** Size of a frame header (magic, length, checksum), in octets. */
    public static final int FRAME_HEADER_SIZE = 12;
    /** The frame magic, "BKBL" in ASCII read as a big-endian u32. */
    public static final int FRAME_MAGIC = 0x424B424C;
    /**
     * Largest payload a frame may carry: 64 MiB. A bound keeps a damaged length field from making a
     * reader allocate gigabytes, and is far above any block a processing period produces.
     */
    public static final int MAX_PAYLOAD_LENGTH = 64 * 1024 * 1024;
    /** Offset of the first frame, right after the file header. */
    public static final long FIRST_FRAME_OFFSET = FILE_HEADER_SIZE;
    /** Offset of the payload of block 0 (genesis). */
    public static final long FIRST_PAYLOAD_OFFSET = FIRST_FRAME_OFFSET + FRAME_HEADER_SIZE;

    private static final byte[] FILE_MAGIC = "BKDMSLG1".getBytes(StandardCharsets.US_ASCII);

    private BlockLogFormat() {
    }

    /** @return a fresh copy of the 8-octet file header, "BKDMSLG1" in ASCII */
    public static byte[] fileHeader() {
        return FILE_MAGIC.clone();
    }

    /**
     * @param bytes the first octets of a file, possibly fewer than {@value #FILE_HEADER_SIZE}
     * @param length how many of {@code bytes} to look at
     * @return whether those octets are a (possibly complete) prefix of the file header
     */
    public static boolean isFileHeaderPrefix(byte[] bytes, int length) {
        if (length > FILE_HEADER_SIZE) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != FILE_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param length a payload length
     * @return whether a frame may carry that many octets
     */
    public static boolean isValidPayloadLength(long length) {
        return length >= 1 && length <= MAX_PAYLOAD_LENGTH;
    }

    /**
     * @param payload the octets to check
     * @return the CRC-32C of all of {@code payload}, as an unsigned value in an int
     */
    public static int checksum(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }

    /**
     * @param payload a block of 1 to {@value #MAX_PAYLOAD_LENGTH} octets
     * @return the 12-octet frame header that precedes it in the log
     * @throws IllegalArgumentException if the block is empty or too large
     */
    public static byte[] frameHeader(byte[] payload) {
        requireValidPayload(payload);
        return ByteBuffer.allocate(FRAME_HEADER_SIZE).putInt(FRAME_MAGIC).putInt(payload.length)
                .putInt(checksum(payload)).array();
    }

    /**
     * @param frameOffset the offset of a frame's magic
     * @return the offset of that frame's payload
     */
    public static long payloadOffset(long frameOffset) {
        return frameOffset + FRAME_HEADER_SIZE;
    }

    /**
     * @param payloadOffset the offset of a frame's payload
     * @return the offset of that frame's magic
     */
    public static long frameOffset(long payloadOffset) {
        return payloadOffset - FRAME_HEADER_SIZE;
    }

    /**
     * @param previous the position of the last block in the log, or {@code null} if the log is empty
     * @param length the payload length of the block that follows it
     * @return where that block's payload lies
     */
    public static BlockPosition next(BlockPosition previous, int length) {
        long frame = previous == null ? FIRST_FRAME_OFFSET : previous.end();
        return new BlockPosition(payloadOffset(frame), length);
    }

    /**
     * @param payload a block to be appended
     * @throws IllegalArgumentException if it is empty or longer than {@value #MAX_PAYLOAD_LENGTH}
     */
    static void requireValidPayload(byte[] payload) {
        if (!isValidPayloadLength(payload.length)) {
            throw new IllegalArgumentException("a block must have 1.." + MAX_PAYLOAD_LENGTH + " octets, not "
                    + payload.length);
        }
    }
}
