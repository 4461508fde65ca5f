package org.bkdms.ledger.blocklog;

import java.util.Objects;
import java.util.Optional;
import org.bkdms.ledger.blocklog.CorruptBlockLogException.Defect;

/**
 * The result of walking every frame of a {@code blocks.log} file, as {@link
 * FileBlockLog#verify(java.nio.file.Path)} does.
 *
 * @param validBlocks the number of valid frames before the first inconsistency (or in the whole
 *     file, if there is none)
 * @param validBytes the offset just past the last of those frames
 * @param fileBytes the size of the file
 * @param firstInconsistency the first frame that is not valid, if any
 */
public record ScanReport(long validBlocks, long validBytes, long fileBytes, Optional<Inconsistency> firstInconsistency) {
    /**
     * Checks the parts.
     *
     * @param validBlocks see {@link #validBlocks()}
     * @param validBytes see {@link #validBytes()}
     * @param fileBytes see {@link #fileBytes()}
     * @param firstInconsistency see {@link #firstInconsistency()}
     */
    public ScanReport {
        Objects.requireNonNull(firstInconsistency, "firstInconsistency");
        if (validBlocks < 0 || validBytes < 0 || fileBytes < validBytes) {
            throw new IllegalArgumentException("scan counts out of range");
        }
    }

    /** @return whether every octet of the file belongs to a valid frame */
    public boolean consistent() {
        return firstInconsistency.isEmpty();
    }

    /**
     * The first place where the file is not a valid block log.
     *
     * @param offset byte offset of the bad frame's magic, or 0 for the file header
     * @param height height the bad frame would hold, or -1 for the file header
     * @param defect what is wrong
     * @param tornTail whether the damage looks like an interrupted append: no valid frame follows it,
     *     so opening the log would cut it off; otherwise it is corruption and opening fails
     * @param detail one line with what was expected and what was found
     */
    public record Inconsistency(long offset, long height, Defect defect, boolean tornTail, String detail) {
        /**
         * Checks the parts.
         *
         * @param offset see {@link #offset()}
         * @param height see {@link #height()}
         * @param defect see {@link #defect()}
         * @param tornTail see {@link #tornTail()}
         * @param detail see {@link #detail()}
         */
        public Inconsistency {
            Objects.requireNonNull(defect, "defect");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
