package org.bkdms.analysis.assessment;

/**
 * How the values of several sites become one city value for a period. Each site first reduces its
 * own observations in the period (the mean for {@link #MEAN} and {@link #MEDIAN}, the latest for
 * {@link #SUM} and {@link #LATEST}); the city value is then computed across sites.
 */
public enum AggregationRule {
    /** Arithmetic mean across sites: rates, shares, concentrations and per-capita figures. */
    MEAN,
    /** Median across sites: durations, where one slow district should not dominate. */
    MEDIAN,
    /** Sum across sites of each site's latest value: counts of things each site owns. */
    SUM,
    /** The latest value of any site: yes/no facts that hold for the whole city. */
    LATEST
}
