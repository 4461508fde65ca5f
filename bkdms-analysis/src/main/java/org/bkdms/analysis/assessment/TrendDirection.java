package org.bkdms.analysis.assessment;

/** What a trend means for the city. */
public enum TrendDirection {
    /** Moving the way the KPI improves. */
    IMPROVING,
    /** Moving the way the KPI worsens. */
    WORSENING,
    /** Changing by less than the stability band per year. */
    STABLE,
    /** Rising, for a KPI without a better direction. */
    RISING,
    /** Falling, for a KPI without a better direction. */
    FALLING,
    /** Too few periods to tell. */
    INSUFFICIENT_DATA
}
