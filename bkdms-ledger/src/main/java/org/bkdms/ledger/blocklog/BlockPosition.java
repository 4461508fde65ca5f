package org.bkdms.ledger.blocklog;

import org.bkdms.core.storage.Recorder;

/**
 * Where a block's payload lies in the block log: the "Block recorder" of Y.4907 Table 10-3. The
 * block is exactly the octets {@code [offset, offset + length)} of the raw {@code blocks.log}
 * file; the frame header before it is not part of the range, so an auditor can hash or decode the
 * slice directly.
 *
 * @param offset the payload's first byte, counted from the start of the file; at least {@value
 *     BlockLogFormat#FIRST_PAYLOAD_OFFSET}
 * @param length the number of payload octets, 1 to {@value BlockLogFormat#MAX_PAYLOAD_LENGTH}
 */
public record BlockPosition(long offset, int length) {
    /**
     * Checks that the range is one a block log can produce.
     *
     * @param offset see {@link #offset()}
     * @param length see {@link #length()}
     */
    public BlockPosition {
        if (offset < BlockLogFormat.FIRST_PAYLOAD_OFFSET || offset > Long.MAX_VALUE - BlockLogFormat.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("block offset " + offset + " is not inside a block log");
        }
        if (!BlockLogFormat.isValidPayloadLength(length)) {
            throw new IllegalArgumentException("block length " + length + " is not 1.."
                    + BlockLogFormat.MAX_PAYLOAD_LENGTH);
        }
    }

    /**
     * Reads a block recorder back, for example from a storage record.
     *
     * @param recorder a Table 10-3 block recorder
     * @return the same range as a block position
     * @throws IllegalArgumentException if the range cannot be a block of a block log
     */
    public static BlockPosition of(Recorder recorder) {
        if (recorder.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block length " + recorder.length() + " is not 1.."
                    + BlockLogFormat.MAX_PAYLOAD_LENGTH);
        }
        return new BlockPosition(recorder.offset(), (int) recorder.length());
    }

    /** @return the offset just past the payload, which is where the next frame starts */
    public long end() {
        return offset + length;
    }

    /** @return the offset of this block's frame header */
    public long frameOffset() {
        return BlockLogFormat.frameOffset(offset);
    }

    /** @return this range as the block recorder of a Table 10-3 storage record */
    public Recorder toRecorder() {
        return new Recorder(offset, length);
    }
}
