package org.bkdms.core.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One data series of a KPI as the catalogue defines it: its key, kind, unit and valid range.
 * Single-valued KPIs have one series named {@value #SINGLE}. A record carries one unit, the KPI's;
 * a series whose own unit differs (the count series {@code number} of Open Data, whose KPI unit is
 * %) is read in the series' unit.
 *
 * @param key series key, such as {@code pm_2.5}
 * @param kind decimal or yes/no
 * @param unit unit of the series' values
 * @param min smallest valid value (inclusive), or {@code null} if unbounded
 * @param max largest valid value (inclusive), or {@code null} if unbounded
 */
public record SeriesDefinition(String key, ValueKind kind, KpiUnit unit, BigDecimal min, BigDecimal max) {
    /** Key of the only series of a single-valued KPI. */
    public static final String SINGLE = "value";

    /**
     * Checks and normalizes the parts.
     *
     * @param key see {@link #key()}
     * @param kind see {@link #kind()}
     * @param unit see {@link #unit()}
     * @param min see {@link #min()}
     * @param max see {@link #max()}
     */
    public SeriesDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min > max for series " + key);
        }
    }

    /**
     * @param value a value
     * @return whether the value lies in this series' range (booleans always do)
     */
    public boolean inRange(BigDecimal value) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    /** @return the range as text, such as {@code [0, 100]} */
    public String rangeText() {
        return "[" + (min == null ? "-inf" : min.toPlainString()) + ", " + (max == null ? "+inf" : max.toPlainString())
                + "]";
    }
}
