package org.bkdms.ledger.blocklog;

/**
 * What {@link FileBlockLog} found and repaired when it opened a data directory. The caller should
 * log it; after a crash it is normal to see a rebuilt index tail and a few truncated bytes.
 *
 * @param created whether the directory held no log and a new, empty one was created
 * @param height the number of blocks in the log after recovery
 * @param trustedIndexEntries index entries taken from {@code blocks.idx} without reading their frames
 * @param droppedIndexEntries well-formed index entries that named a frame the log no longer holds
 *     (past its end, or with a different header); since an entry is only written after its frame is
 *     durable, a non-zero value means the log lost blocks it once held, and the caller SHOULD
 *     alert and restore them from a peer
 * @param rebuiltIndexEntries index entries recreated by scanning frames after the trusted ones;
 *     non-zero after any crash, because the index is made durable lazily
 * @param truncatedBytes octets cut from the end of {@code blocks.log}: a torn write, or garbage
 *     after the last valid frame; these were never acknowledged
 * @param sizeBytes the size of {@code blocks.log} after recovery
 */
public record RecoveryReport(boolean created, long height, long trustedIndexEntries, long droppedIndexEntries,
        long rebuiltIndexEntries, long truncatedBytes, long sizeBytes) {
    /**
     * Checks the counts.
     *
     * @param created see {@link #created()}
     * @param height see {@link #height()}
     * @param trustedIndexEntries see {@link #trustedIndexEntries()}
     * @param droppedIndexEntries see {@link #droppedIndexEntries()}
     * @param rebuiltIndexEntries see {@link #rebuiltIndexEntries()}
     * @param truncatedBytes see {@link #truncatedBytes()}
     * @param sizeBytes see {@link #sizeBytes()}
     */
    public RecoveryReport {
        if (height < 0 || trustedIndexEntries < 0 || droppedIndexEntries < 0 || rebuiltIndexEntries < 0
                || truncatedBytes < 0 || sizeBytes < BlockLogFormat.FILE_HEADER_SIZE) {
            throw new IllegalArgumentException("recovery report counts out of range");
        }
    }

    /**
     * @return whether blocks that were once durable are gone ({@link #droppedIndexEntries()} is not
     *     zero); the caller SHOULD raise an alert rather than only log this
     */
    public boolean lostIndexedBlocks() {
        return droppedIndexEntries > 0;
    }

    /** @return whether the log was closed cleanly before: nothing dropped, rebuilt or truncated */
    public boolean clean() {
        return droppedIndexEntries == 0 && rebuiltIndexEntries == 0 && truncatedBytes == 0;
    }
}
