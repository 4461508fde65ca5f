package org.bkdms.analysis.assessment;

/** Which way a KPI improves. */
public enum Polarity {
    /** Higher values are better (coverage, access, life expectancy). */
    HIGHER_IS_BETTER,
    /** Lower values are better (pollution, losses, mortality). */
    LOWER_IS_BETTER,
    /** Neither direction is better in general (mode shares such as "incinerated"). */
    NEUTRAL
}
