package org.bkdms.site.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * A source row the site refused, kept for review with the reason.
 *
 * @param id the quarantine entry's number
 * @param source the collector that read the row
 * @param reference where the row came from (file and line, table and key, topic)
 * @param rowText the row as read, in a readable form
 * @param reasonCode a stable reason, such as {@code VALUE_OUT_OF_RANGE}
 * @param reason one line for the reviewer
 * @param createdAt when it was quarantined
 * @param releasedAt when a reviewer released it, if so
 */
public record QuarantinedRow(long id, String source, String reference, String rowText, String reasonCode, String reason,
        Instant createdAt, Optional<Instant> releasedAt) {
}
