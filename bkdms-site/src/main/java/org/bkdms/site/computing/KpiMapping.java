package org.bkdms.site.computing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiDefinition;

/**
 * The declarative mapping from source fields to KPI codes and data series (Y.4907 clause 8.1,
 * computing capability), read from YAML. See {@code docs/SITE.md} for the format. Each row is
 * offered to the rules in order; every rule whose {@code match} holds produces KPI data from it.
 * Immutable after {@link #read}.
 *
 * @param timeField the field holding a row's time, unless a rule names another
 * @param timeZone the zone of times written without an offset (a date, a local date-time)
 * @param rules the rules, in order
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record KpiMapping(String timeField, String timeZone, List<Rule> rules) {

    /**
     * One mapping rule. Either {@code kpi} names the KPI and {@code series} maps its data series
     * to fields (a "wide" row carrying several values), or {@code kpiField} names the field
     * holding the KPI code and {@code valueField} the value (a "long" row, one value per row).
     *
     * @param name a label for logs and the quarantine; defaults to the KPI
     * @param kpi the KPI code, for a wide rule
     * @param match fields that must hold exactly these values for the rule to apply ({@code *}: any
     *     non-empty value)
     * @param time the time field, if not the mapping's
     * @param series data series key to where its value comes from, for a wide rule
     * @param kpiField the field with the KPI code, for a long rule
     * @param seriesField the field with the data series key (default: the KPI's only series)
     * @param valueField the field with the value, for a long rule
     * @param unitField the field with the value's unit, for a long rule (default: the catalogue's)
     * @param consolidate how values are combined over periods; none: one record per row
     * @param when a {@link Formula} that must be true for the rule to apply, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Rule(String name, String kpi, Map<String, String> match, String time, Map<String, SeriesSource> series,
            String kpiField, String seriesField, String valueField, String unitField, Consolidation consolidate,
            String when) {

        /**
         * Fills defaults.
         *
         * @param name see {@link #name()}
         * @param kpi see {@link #kpi()}
         * @param match see {@link #match()}
         * @param time see {@link #time()}
         * @param series see {@link #series()}
         * @param kpiField see {@link #kpiField()}
         * @param seriesField see {@link #seriesField()}
         * @param valueField see {@link #valueField()}
         * @param unitField see {@link #unitField()}
         * @param consolidate see {@link #consolidate()}
         * @param when see {@link #when()}
         */
        public Rule {
            match = match == null ? Map.of() : Map.copyOf(match);
            series = series == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
            name = name != null ? name : kpi != null ? kpi : "long:" + kpiField;
        }

        /** @return whether the rule reads the KPI code from the row */
        public boolean isLong() {
            return kpiField != null;
        }
    }

    /**
     * Where one data series' value comes from: a field, or a formula over the row's fields.
     *
     * @param field the field holding the value ("yes"/"no"/"true"/"false"/"1"/"0" for yes/no series)
     * @param unit the unit the value is in; default the catalogue's
     * @param unitField a field holding the unit, instead of a fixed one
     * @param expr a {@link Formula} computing the value, instead of {@code field}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SeriesSource(String field, String unit, String unitField, String expr) {
    }

    /**
     * How values of a rule are combined over periods before a record is made.
     *
     * @param period {@code hour}, {@code day}, {@code week}, {@code month}, {@code quarter} or
     *     {@code year}; default the period of the collection policy on chain
     * @param function {@code sum}, {@code mean}, {@code last}, {@code min}, {@code max}, or
     *     {@code rate_per_100k} (sum divided by {@code population}, times 100 000)
     * @param population inhabitants, for {@code rate_per_100k}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Consolidation(String period, String function, Long population) {
    }

    /**
     * Fills defaults.
     *
     * @param timeField see {@link #timeField()}
     * @param timeZone see {@link #timeZone()}
     * @param rules see {@link #rules()}
     */
    public KpiMapping {
        timeField = timeField == null ? "time" : timeField;
        timeZone = timeZone == null ? "UTC" : timeZone;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** @return the zone of times without an offset */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * Reads and checks a mapping.
     *
     * @param in YAML
     * @param catalogue the catalogue KPI codes and series are checked against
     * @return the mapping
     * @throws IOException if the stream cannot be read
     * @throws MappingException if the YAML is malformed or names unknown KPIs, series or units
     */
    public static KpiMapping read(InputStream in, KpiCatalogue catalogue) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        KpiMapping m;
        try {
            m = yaml.readValue(in, KpiMapping.class);
        } catch (JacksonException e) {
            throw new MappingException("mapping: " + e.getOriginalMessage());
        }
        if (m == null || m.rules.isEmpty()) {
            throw new MappingException("mapping has no rules");
        }
        m.check(catalogue, new UnitRegistry());
        return m;
    }

    private void check(KpiCatalogue catalogue, UnitRegistry units) {
        try {
            zone();
        } catch (java.time.DateTimeException e) {
            throw new MappingException("unknown time zone '" + timeZone + "'");
        }
        for (Rule r : rules) {
            String where = "rule '" + r.name() + "': ";
            if (r.isLong() == (r.kpi() != null)) {
                throw new MappingException(where + "give either 'kpi' with 'series' or 'kpiField' with 'valueField'");
            }
            if (r.isLong()) {
                if (r.valueField() == null) {
                    throw new MappingException(where + "'valueField' is required with 'kpiField'");
                }
            } else {
                KpiDefinition def;
                try {
                    def = catalogue.lookup(r.kpi());
                } catch (RuntimeException e) {
                    throw new MappingException(where + e.getMessage());
                }
                if (r.series().isEmpty()) {
                    throw new MappingException(where + "no series");
                }
                for (Map.Entry<String, SeriesSource> s : r.series().entrySet()) {
                    if (def.series(s.getKey()).isEmpty()) {
                        throw new MappingException(where + "KPI " + def.code() + " has no series '" + s.getKey() + "'");
                    }
                    if (s.getValue() == null || (s.getValue().field() == null) == (s.getValue().expr() == null)) {
                        throw new MappingException(where + "series '" + s.getKey() + "' needs a 'field' or an 'expr'");
                    }
                    if (s.getValue().expr() != null) {
                        Formula.parse(s.getValue().expr());
                    }
                    if (s.getValue().unit() != null) {
                        try {
                            units.convert(java.math.BigDecimal.ONE, s.getValue().unit(), def.unit());
                        } catch (UnitException e) {
                            throw new MappingException(where + "series '" + s.getKey() + "': " + e.getMessage());
                        }
                    }
                }
            }
            if (r.when() != null) {
                Formula.parse(r.when());
            }
            if (r.consolidate() != null) {
                Periods.check(r.consolidate().period());
                Consolidator.Function f = Consolidator.Function.parse(r.consolidate().function());
                if (f == Consolidator.Function.RATE_PER_100K && (r.consolidate().population() == null
                        || r.consolidate().population() <= 0)) {
                    throw new MappingException(where + "rate_per_100k needs a positive 'population'");
                }
            }
        }
    }
}
