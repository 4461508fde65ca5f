package org.bkdms.core.kpi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One KPI of the catalogue: where it sits in the U4SSC structure, its unit and its data series.
 *
 * @param code canonical code
 * @param dimension dimension name, such as {@code Environment}
 * @param subDimension sub-dimension name
 * @param category category name
 * @param name KPI name
 * @param unit the unit a record of this KPI must carry
 * @param core whether the KPI is core (otherwise advanced)
 * @param series the data series, at least one, in catalogue order
 */
public record KpiDefinition(KpiCode code, String dimension, String subDimension, String category, String name,
        KpiUnit unit, boolean core, List<SeriesDefinition> series) {

    /**
     * Checks and normalizes the parts.
     *
     * @param code see {@link #code()}
     * @param dimension see {@link #dimension()}
     * @param subDimension see {@link #subDimension()}
     * @param category see {@link #category()}
     * @param name see {@link #name()}
     * @param unit see {@link #unit()}
     * @param core see {@link #core()}
     * @param series see {@link #series()}
     */
    public KpiDefinition {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("KPI " + code + " has no data series");
        }
    }

    /**
     * @param key series key
     * @return the series with that key
     */
    public Optional<SeriesDefinition> series(String key) {
        for (SeriesDefinition s : series) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** @return whether the KPI reports more than one data series */
    public boolean multiSeries() {
        return series.size() > 1;
    }
}
