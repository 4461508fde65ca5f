package org.bkdms.analysis.quality;

import java.time.Duration;

/**
 * Settings of a quality analysis.
 *
 * @param lateAfter delay after which an observation counts as late; {@code null} means one reporting
 *     period of the site's collection policy (one day for KPIs outside any policy)
 * @param maxListed most missing reports and sequence gaps listed per row (all are counted)
 */
public record QualityConfig(Duration lateAfter, int maxListed) {
    /**
     * Checks the parts.
     *
     * @param lateAfter see {@link #lateAfter()}
     * @param maxListed see {@link #maxListed()}
     */
    public QualityConfig {
        if (lateAfter != null && lateAfter.isNegative()) {
            throw new IllegalArgumentException("lateAfter must not be negative");
        }
        if (maxListed < 0) {
            throw new IllegalArgumentException("maxListed must not be negative");
        }
    }

    /** @return late after one reporting period, list up to 20 items per row */
    public static QualityConfig defaults() {
        return new QualityConfig(null, 20);
    }
}
