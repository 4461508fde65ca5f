package org.bkdms.ledger.blocklog;

import java.nio.file.Path;
import java.util.Objects;
import org.bkdms.core.error.BkdmsException;

/**
 * The block log holds damaged octets that a crash cannot explain: a bad frame followed by a valid
 * one, a frame that fails its checksum when read, or a file that is not a block log at all.
 *
 * <p>How to react: the node MUST stop appending to and serving from this log, and MUST NOT cut the
 * file back to make it open, because the blocks after the damage were acknowledged. Restore the
 * damaged range from a peer or a backup, then open the log again. {@link FileBlockLog#verify(Path)}
 * reports the same damage without opening the log for writing.
 */
public final class CorruptBlockLogException extends BkdmsException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long offset;
    private final long height;
    private final Defect defect;

    /**
     * @param file the damaged file
     * @param offset byte offset of the damaged frame's magic (0 for the file header)
     * @param height height of the block the damaged frame holds or would hold; -1 for the file header
     * @param defect what is wrong
     * @param detail one line with what was expected and what was found
     */
    public CorruptBlockLogException(Path file, long offset, long height, Defect defect, String detail) {
        super("block log " + file + " is corrupt at byte " + offset
                + (height >= 0 ? " (block at height " + height + ")" : " (file header)") + ": " + detail, null);
        this.file = Objects.requireNonNull(file, "file");
        this.offset = offset;
        this.height = height;
        this.defect = Objects.requireNonNull(defect, "defect");
    }

    /** @return the damaged file, or {@code null} after deserialization */
    public Path file() {
        return file;
    }

    /** @return byte offset of the damaged frame's magic in the file, 0 for the file header */
    public long offset() {
        return offset;
    }

    /** @return height of the block at the damaged frame, or -1 if the file header is damaged */
    public long height() {
        return height;
    }

    /** @return what is wrong */
    public Defect defect() {
        return defect;
    }

    @Override
    public String reasonCode() {
        return "CORRUPT_BLOCK_LOG";
    }

    /** What can be wrong with a stored frame or the file around it. */
    public enum Defect {
        /** The file does not start with "BKDMSLG1", or is missing although its index lists blocks. */
        FILE_HEADER,
        /** The frame magic is not "BKBL", its length is outside 1 to 64 MiB, or the length differs from the index. */
        FRAME_HEADER,
        /** The file ends inside the frame header or the payload. */
        TRUNCATED_FRAME,
        /** The payload does not match its CRC-32C. */
        CHECKSUM
    }
}
