package org.bkdms.analysis.quality;

import org.bkdms.analysis.Period;

/**
 * Completeness of one KPI from one site in one calendar period. Reports count in the period that
 * contains the start of their reporting slot.
 *
 * @param siteId the site
 * @param city the site's city
 * @param kpiCode the KPI
 * @param period the period
 * @param expectedReports reports the policy expects in it
 * @param receivedReports of those, reports received
 * @param completeness received over expected, or {@code null} if nothing is expected
 * @param observations valid observations whose time lies in the period
 */
public record PeriodQuality(String siteId, String city, String kpiCode, Period period, long expectedReports,
        long receivedReports, Double completeness, long observations) {
}
