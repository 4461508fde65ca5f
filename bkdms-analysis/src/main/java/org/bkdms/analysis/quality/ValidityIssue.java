package org.bkdms.analysis.quality;

/** Why an observation does not agree with the KPI catalogue. Invalid observations are counted and left out of every figure computed from values. */
public enum ValidityIssue {
    /** The KPI code is malformed or not in the catalogue. */
    UNKNOWN_KPI,
    /** The KPI has no data series of that name. */
    UNKNOWN_SERIES,
    /** The unit is not the catalogue's unit for the KPI. */
    UNIT_MISMATCH,
    /** A yes/no series carries a value other than 0 or 1. */
    WRONG_KIND,
    /** The value lies outside the series' valid range. */
    OUT_OF_RANGE
}
