package org.bkdms.analysis.assessment;

import java.time.Instant;

/**
 * The trend of one KPI data series in one city, fitted over its period values with the Theil-Sen
 * estimator.
 *
 * @param city the city
 * @param kpiCode the KPI
 * @param series the data series
 * @param unit the unit
 * @param points periods fitted
 * @param from start of the first period fitted
 * @param to end of the last period fitted
 * @param slopePerYear change per year in the KPI's unit, or {@code null} with fewer than the minimum points
 * @param relativeSlopePerYear slope over the absolute median level, or {@code null} if the level is 0
 * @param fittedAtEnd the fitted line's value at {@code to}, or {@code null}
 * @param polarity which way the KPI improves
 * @param direction what the trend means
 */
public record Trend(String city, String kpiCode, String series, String unit, int points, Instant from, Instant to,
        Double slopePerYear, Double relativeSlopePerYear, Double fittedAtEnd, Polarity polarity,
        TrendDirection direction) {
}
