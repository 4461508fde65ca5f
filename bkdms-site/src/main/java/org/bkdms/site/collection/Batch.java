package org.bkdms.site.collection;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a collector read in one step, and the checkpoint that records having read it. The site
 * commits the batch's results and the checkpoint in one unit of work, then runs
 * {@link #afterCommit()} (moving a finished file aside, acknowledging a message).
 *
 * @param source the collector's name
 * @param rows the rows read
 * @param unreadable parts of the input that could not even be read as rows
 * @param checkpoints the checkpoints to set, key to new value
 * @param afterCommit what to do once the batch is durable; runs at most once
 */
public record Batch(String source, List<SourceRow> rows, List<Unreadable> unreadable, Map<String, String> checkpoints,
        Runnable afterCommit) {

    /**
     * Input that could not be read as a row (a CSV line with the wrong number of fields, say).
     *
     * @param reference where it is
     * @param text what was there
     * @param reasonCode a stable reason
     * @param reason one line for the reviewer
     */
    public record Unreadable(String reference, String text, String reasonCode, String reason) {
    }

    /**
     * Copies the lists.
     *
     * @param source see {@link #source()}
     * @param rows see {@link #rows()}
     * @param unreadable see {@link #unreadable()}
     * @param checkpoints see {@link #checkpoints()}
     * @param afterCommit see {@link #afterCommit()}
     */
    public Batch {
        Objects.requireNonNull(source, "source");
        rows = List.copyOf(rows);
        unreadable = List.copyOf(unreadable);
        checkpoints = Map.copyOf(checkpoints);
        afterCommit = afterCommit == null ? () -> { } : afterCommit;
    }

    /**
     * A batch with one checkpoint.
     *
     * @param source see {@link #source()}
     * @param rows see {@link #rows()}
     * @param unreadable see {@link #unreadable()}
     * @param checkpointKey the checkpoint to set
     * @param checkpointValue its new value
     * @param afterCommit see {@link #afterCommit()}
     */
    public Batch(String source, List<SourceRow> rows, List<Unreadable> unreadable, String checkpointKey,
            String checkpointValue, Runnable afterCommit) {
        this(source, rows, unreadable, Map.of(checkpointKey, checkpointValue), afterCommit);
    }
}
