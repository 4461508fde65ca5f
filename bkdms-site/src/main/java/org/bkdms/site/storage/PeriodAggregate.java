package org.bkdms.site.storage;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The running aggregate of one data series of one KPI over one consolidation period (an
 * intermediate result of the computing capability).
 *
 * @param kpiCode the KPI
 * @param series the data series
 * @param periodStart the period's first instant
 * @param periodEnd the instant after the period
 * @param count values seen
 * @param total their sum
 * @param lastValue the value with the latest time
 * @param lastTime its time
 * @param minimum the smallest value
 * @param maximum the largest value
 * @param sourceReference where the first value came from
 * @param ruleName the mapping rule that consolidates it
 */
public record PeriodAggregate(String kpiCode, String series, Instant periodStart, Instant periodEnd, long count,
        BigDecimal total, BigDecimal lastValue, Instant lastTime, BigDecimal minimum, BigDecimal maximum,
        String sourceReference, String ruleName) {

    static final String COLUMNS = "kpi_code, series, period_start, period_end, n, total, last_value, last_time, minimum,"
            + " maximum, source_ref, rule_name";

    static PeriodAggregate read(ResultSet r) throws SQLException {
        return new PeriodAggregate(r.getString(1), r.getString(2), SiteStore.instant(r, 3), SiteStore.instant(r, 4),
                r.getLong(5), r.getBigDecimal(6), r.getBigDecimal(7), SiteStore.instant(r, 8), r.getBigDecimal(9),
                r.getBigDecimal(10), r.getString(11), r.getString(12));
    }

    /**
     * @param value another value
     * @param time its time
     * @return the aggregate including it
     */
    public PeriodAggregate add(BigDecimal value, Instant time) {
        boolean later = !time.isBefore(lastTime);
        return new PeriodAggregate(kpiCode, series, periodStart, periodEnd, count + 1, total.add(value),
                later ? value : lastValue, later ? time : lastTime, minimum.min(value), maximum.max(value), sourceReference, ruleName);
    }
}
