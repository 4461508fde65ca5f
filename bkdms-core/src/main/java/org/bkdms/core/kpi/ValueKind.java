package org.bkdms.core.kpi;

/** The kind of value a KPI data series carries. */
public enum ValueKind {
    /** An exact decimal number. */
    DECIMAL,
    /** Yes or no. */
    BOOLEAN
}
