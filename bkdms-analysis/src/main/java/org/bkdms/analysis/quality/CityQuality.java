package org.bkdms.analysis.quality;

/**
 * Quality and availability of a city's KPI data: the figures of its sites added up.
 *
 * @param city the city
 * @param sites number of sites
 * @param observations observations in the window
 * @param invalid of those, invalid ones
 * @param expectedReports reports expected from all its sites
 * @param receivedReports of those, reports received
 * @param completeness received over expected, or {@code null}
 * @param expectedPeriods site-periods in which some report was due
 * @param periodsWithData of those, site-periods with data
 * @param availability periods with data over expected periods, or {@code null}
 * @param duplicates extra observations that repeat a report's value
 * @param conflicts reports with observations of different values
 * @param timeliness delay to the chain over all its sites
 */
public record CityQuality(String city, int sites, long observations, long invalid, long expectedReports,
        long receivedReports, Double completeness, long expectedPeriods, long periodsWithData, Double availability,
        long duplicates, long conflicts, Timeliness timeliness) {
}
