package org.bkdms.core.kpi;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The "KPI data" part of a unified KPI record (Y.4907 Table 10-1): which KPI, one value per
 * reported data series, and the unit the values are in.
 *
 * <p>Series are kept sorted by key, which is also their order in the encoding, so equal data has one
 * encoding. Whether code, series, unit and ranges agree with the catalogue is checked by
 * {@link KpiCatalogue#validate(KpiData)}, not here, so that a decoder can return data for a KPI that
 * a newer catalogue knows.
 *
 * @param code the KPI
 * @param values value per data series key; at least one
 * @param unit unit code, such as {@code %}
 */
public record KpiData(KpiCode code, SortedMap<String, KpiValue> values, String unit) {
    /** Most data series one record may carry. */
    public static final int MAX_SERIES = 32;
    /** Longest unit code, in UTF-8 octets. */
    public static final int MAX_UNIT_LENGTH = 32;
    /** Shape of a data series key. */
    public static final Pattern SERIES_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    /**
     * Checks and normalizes the parts.
     *
     * @param code see {@link #code()}
     * @param values see {@link #values()}
     * @param unit see {@link #unit()}
     */
    public KpiData {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(unit, "unit");
        if (values == null || values.isEmpty() || values.size() > MAX_SERIES) {
            throw new ValidationException(Violation.INVALID_FIELD, "KPI data needs 1.." + MAX_SERIES + " series values");
        }
        int unitOctets = unit.getBytes(StandardCharsets.UTF_8).length;
        if (unitOctets == 0 || unitOctets > MAX_UNIT_LENGTH) {
            throw new ValidationException(Violation.INVALID_FIELD, "unit must have 1.." + MAX_UNIT_LENGTH
                    + " UTF-8 octets");
        }
        for (Map.Entry<String, KpiValue> e : values.entrySet()) {
            if (!SERIES_KEY.matcher(e.getKey()).matches()) {
                throw new ValidationException(Violation.INVALID_FIELD, "series key '" + e.getKey()
                        + "' must match " + SERIES_KEY.pattern());
            }
            Objects.requireNonNull(e.getValue(), "value");
        }
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /**
     * @param code the KPI
     * @param unit the unit
     * @param values value per series
     * @return the KPI data
     */
    public static KpiData of(KpiCode code, KpiUnit unit, Map<String, KpiValue> values) {
        return new KpiData(code, new TreeMap<>(values), unit.code());
    }

    /**
     * @param code the KPI
     * @param unit the unit
     * @param value the single value
     * @return KPI data for a single-valued KPI
     */
    public static KpiData single(KpiCode code, KpiUnit unit, KpiValue value) {
        return of(code, unit, Map.of(SeriesDefinition.SINGLE, value));
    }
}
