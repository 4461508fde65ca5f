package org.bkdms.analysis.quality;

import java.util.List;
import java.util.Map;

/**
 * Quality of one KPI from one site over the analysis window.
 *
 * <p>A report is one data series of the KPI for one reporting slot of the collection policy;
 * {@code completeness} is received over expected reports, so a KPI with three series and twelve
 * monthly slots expects 36 reports.
 *
 * @param siteId the site
 * @param city the site's city
 * @param kpiCode the KPI
 * @param inPolicy whether a collection policy of the site lists the KPI
 * @param observations observations in the window, valid or not
 * @param expectedReports reports the policy expects in the window
 * @param receivedReports expected reports with at least one valid observation
 * @param completeness received over expected, or {@code null} if nothing is expected
 * @param missingReports expected reports not received
 * @param firstMissing the first missing reports, at most the configured number
 * @param invalid invalid observations by issue
 * @param duplicates extra observations of a report that repeat its value
 * @param conflicts reports with observations of different values
 * @param timeliness delay to the chain of the valid observations
 */
public record SiteKpiQuality(String siteId, String city, String kpiCode, boolean inPolicy, long observations,
        long expectedReports, long receivedReports, Double completeness, long missingReports,
        List<MissingReport> firstMissing, Map<ValidityIssue, Long> invalid, long duplicates, long conflicts,
        Timeliness timeliness) {
    /**
     * Copies the collections.
     *
     * @param siteId see {@link #siteId()}
     * @param city see {@link #city()}
     * @param kpiCode see {@link #kpiCode()}
     * @param inPolicy see {@link #inPolicy()}
     * @param observations see {@link #observations()}
     * @param expectedReports see {@link #expectedReports()}
     * @param receivedReports see {@link #receivedReports()}
     * @param completeness see {@link #completeness()}
     * @param missingReports see {@link #missingReports()}
     * @param firstMissing see {@link #firstMissing()}
     * @param invalid see {@link #invalid()}
     * @param duplicates see {@link #duplicates()}
     * @param conflicts see {@link #conflicts()}
     * @param timeliness see {@link #timeliness()}
     */
    public SiteKpiQuality {
        firstMissing = List.copyOf(firstMissing);
        invalid = Map.copyOf(invalid);
    }

    /** @return the number of invalid observations */
    public long invalidTotal() {
        return invalid.values().stream().mapToLong(Long::longValue).sum();
    }
}
