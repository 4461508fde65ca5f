package org.bkdms.analysis.assessment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An observation that lies far from the rest of its site's series by robust statistics. Advisory
 * only: it asks a person to look at the value (and trace it to its block); nothing is dropped or
 * changed because of it.
 *
 * @param siteId the site
 * @param city the city
 * @param kpiCode the KPI
 * @param series the data series
 * @param observationTime the observation's time
 * @param value the value
 * @param expected the value the series' trend line (plus its median residual) gives at that time
 * @param mad the median absolute deviation of the residuals from that line (or the scaled mean absolute
 *     deviation when the MAD is 0, see {@link AnomalyDetector})
 * @param modifiedZ the modified z-score
 * @param blockHeight the block that holds the record
 * @param tracingCode the record's tracing code, or {@code null}
 * @param advisory always {@code true}: flags are hints, not verdicts
 */
public record AnomalyFlag(String siteId, String city, String kpiCode, String series, Instant observationTime,
        BigDecimal value, double expected, double mad, double modifiedZ, long blockHeight, String tracingCode,
        boolean advisory) {
}
