package org.bkdms.analysis.quality;

import java.time.Instant;
import org.bkdms.analysis.IntegrityCounters;

/**
 * Quality and availability of one site over the analysis window.
 *
 * @param siteId the site
 * @param city the site's city (from its observations; {@code unknown} if it sent none)
 * @param observations observations in the window
 * @param invalid of those, invalid ones
 * @param expectedReports reports its policies expect, all KPIs together
 * @param receivedReports of those, reports received
 * @param completeness received over expected, or {@code null} if nothing is expected
 * @param expectedPeriods calendar periods (of the report's granularity) in which some report was due
 * @param periodsWithData of those, periods with at least one valid observation from the site
 * @param availability periods with data over expected periods, or {@code null}
 * @param lastSeen time of the newest block holding an observation of the site, or {@code null}
 * @param lastObservation newest observation time of the site, or {@code null}
 * @param sequence gaps in the site's sequence numbers (over every observation given, not only the window)
 * @param duplicates extra observations that repeat a report's value
 * @param conflicts reports with observations of different values
 * @param timeliness delay to the chain
 * @param integrity the site's integrity counters, as given
 */
public record SiteQuality(String siteId, String city, long observations, long invalid, long expectedReports,
        long receivedReports, Double completeness, long expectedPeriods, long periodsWithData, Double availability,
        Instant lastSeen, Instant lastObservation, SequenceGaps sequence, long duplicates, long conflicts,
        Timeliness timeliness, IntegrityCounters integrity) {
}
