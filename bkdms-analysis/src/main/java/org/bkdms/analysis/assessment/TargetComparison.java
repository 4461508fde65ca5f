package org.bkdms.analysis.assessment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where a city stands against one target.
 *
 * <p>The current level is the mean of the city's period values over the last year of data
 * (periods starting less than one year before the end of the last period), so that a seasonal KPI
 * compared with an annual target is not judged by one month.
 *
 * @param city the city
 * @param kpiCode the KPI
 * @param series the data series
 * @param unit the unit
 * @param target the target value
 * @param targetYear the target year
 * @param polarity the polarity used (the target's own, else the KPI's)
 * @param current the current level, rounded to 6 decimal places
 * @param currentFrom start of the span the current level covers
 * @param currentTo end of that span
 * @param currentPeriods periods averaged
 * @param gap target minus current level
 * @param met whether the current level meets the target, or {@code null} for a neutral polarity
 * @param projected the trend line's value at the end of the target year, or {@code null} without a trend
 * @param onTrack whether the projection meets the target, or {@code null}
 * @param score 0 (at or beyond the worst value) to 100 (target met), or {@code null} without a worst value
 * @param note the target's note
 */
public record TargetComparison(String city, String kpiCode, String series, String unit, BigDecimal target,
        int targetYear, Polarity polarity, BigDecimal current, Instant currentFrom, Instant currentTo,
        int currentPeriods, BigDecimal gap, Boolean met, Double projected, Boolean onTrack, Double score, String note) {
}
