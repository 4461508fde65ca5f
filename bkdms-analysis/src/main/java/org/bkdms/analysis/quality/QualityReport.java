package org.bkdms.analysis.quality;

import java.util.List;
import java.util.Map;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.IntegrityCounters;
import org.bkdms.analysis.TimeWindow;

/**
 * The result of a quality analysis. Rows are sorted by city, site, KPI and period.
 *
 * @param window the window analysed
 * @param granularity the period length of {@code periods} and of availability
 * @param siteKpis one row per site and KPI
 * @param periods one row per site, KPI and period in which reports were due
 * @param sites one row per site
 * @param cities one row per city
 * @param invalidByIssue invalid observations over all sites, by issue
 * @param outsideWindow observations given whose time lies outside the window (ignored)
 * @param platformIntegrity the platform-wide integrity counters, as given
 */
public record QualityReport(TimeWindow window, Granularity granularity, List<SiteKpiQuality> siteKpis,
        List<PeriodQuality> periods, List<SiteQuality> sites, List<CityQuality> cities,
        Map<ValidityIssue, Long> invalidByIssue, long outsideWindow, IntegrityCounters platformIntegrity) {
    /**
     * Copies the collections.
     *
     * @param window see {@link #window()}
     * @param granularity see {@link #granularity()}
     * @param siteKpis see {@link #siteKpis()}
     * @param periods see {@link #periods()}
     * @param sites see {@link #sites()}
     * @param cities see {@link #cities()}
     * @param invalidByIssue see {@link #invalidByIssue()}
     * @param outsideWindow see {@link #outsideWindow()}
     * @param platformIntegrity see {@link #platformIntegrity()}
     */
    public QualityReport {
        siteKpis = List.copyOf(siteKpis);
        periods = List.copyOf(periods);
        sites = List.copyOf(sites);
        cities = List.copyOf(cities);
        invalidByIssue = Map.copyOf(invalidByIssue);
    }
}
