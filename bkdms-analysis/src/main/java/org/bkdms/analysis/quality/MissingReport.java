package org.bkdms.analysis.quality;

import java.time.Instant;

/**
 * A report the collection policy expected and the platform does not have.
 *
 * @param series the data series
 * @param slotStart start of the reporting slot
 */
public record MissingReport(String series, Instant slotStart) {
}
