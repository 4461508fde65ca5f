package org.bkdms.analysis.assessment;

import java.math.BigDecimal;

/**
 * A value a city wants one KPI data series to reach by a given year.
 *
 * @param kpiCode the KPI (canonical after {@link TargetSet} checks it)
 * @param series the data series ({@code value} for single-valued KPIs)
 * @param city the city it applies to, or {@code null} for every city
 * @param value the target value, in the KPI's unit
 * @param year the year by whose end it should be reached
 * @param polarity which way is better, or {@code null} to use the KPI's polarity
 * @param worst the value that scores 0, or {@code null} to use the catalogue's lower bound for
 *     higher-is-better series (lower-is-better series without it are not scored)
 * @param note free text, such as the source of the target
 */
public record Target(String kpiCode, String series, String city, BigDecimal value, int year, Polarity polarity,
        BigDecimal worst, String note) {
}
