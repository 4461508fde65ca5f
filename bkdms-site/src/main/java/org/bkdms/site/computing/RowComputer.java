package org.bkdms.site.computing;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.kpi.SeriesDefinition;
import org.bkdms.core.kpi.ValueKind;
import org.bkdms.site.collection.SourceRow;

/**
 * Computes KPI data from source rows (Y.4907 clause 8.1, computing capability): applies the
 * mapping's rules, parses times and values, converts units into the catalogue's, and filters
 * against the catalogue (known KPI and series, value kind, valid range) and the collection policy.
 * Rows that fail are not dropped: they come back as rejections with a reason, for the quarantine.
 * Stateless and thread-safe.
 */
public final class RowComputer {
    private final KpiMapping mapping;
    private final KpiCatalogue catalogue;
    private final UnitRegistry units;
    private final ZoneId zone;
    private final Map<String, Formula> formulas = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param mapping the rules
     * @param catalogue the KPI catalogue
     * @param units unit conversion
     */
    public RowComputer(KpiMapping mapping, KpiCatalogue catalogue, UnitRegistry units) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.units = Objects.requireNonNull(units, "units");
        this.zone = mapping.zone();
    }

    /**
     * KPI data computed from one row by one rule, in the catalogue's unit.
     *
     * @param rule the rule that produced it
     * @param kpi the KPI
     * @param time the row's time
     * @param values the values by data series
     */
    public record Observation(KpiMapping.Rule rule, KpiDefinition kpi, Instant time, SortedMap<String, KpiValue> values) {
        /** @return the KPI data of this observation */
        public KpiData kpiData() {
            return new KpiData(kpi.code(), values, kpi.unit().code());
        }
    }

    /**
     * Why a row, or one rule's reading of it, was refused.
     *
     * @param rule the rule's name, or {@code null} if no rule applied
     * @param reasonCode a stable reason, such as {@code VALUE_OUT_OF_RANGE}
     * @param reason one line for the reviewer
     */
    public record Rejection(String rule, String reasonCode, String reason) {
    }

    /**
     * What became of a row.
     *
     * @param observations the KPI data it yielded
     * @param rejections what was refused, with reasons
     */
    public record Result(List<Observation> observations, List<Rejection> rejections) {
    }

    /**
     * @param row a source row
     * @param policyKpis the KPIs the collection policy on chain asks of this site, if one is published
     * @return observations and rejections; a row no rule applies to is one {@code NO_MAPPING} rejection
     */
    public Result compute(SourceRow row, Optional<Set<KpiCode>> policyKpis) {
        List<Observation> out = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        boolean matched = false;
        for (KpiMapping.Rule rule : mapping.rules()) {
            if (!matches(rule, row)) {
                continue;
            }
            try {
                if (rule.when() != null && !formula(rule.when()).test(row.fields())) {
                    continue;
                }
            } catch (BkdmsException e) {
                matched = true;
                rejected.add(new Rejection(rule.name(), e.reasonCode(), e.getMessage()));
                continue;
            }
            matched = true;
            try {
                Observation o = apply(rule, row);
                if (policyKpis.isPresent() && !policyKpis.get().contains(o.kpi().code())) {
                    rejected.add(new Rejection(rule.name(), "NOT_IN_POLICY", o.kpi().code()
                            + " is not in this site's collection policy on chain"));
                    continue;
                }
                if (rule.consolidate() == null) {
                    catalogue.validate(o.kpiData());
                }
                out.add(o);
            } catch (ValidationException e) {
                rejected.add(new Rejection(rule.name(), e.violation().name(), e.getMessage()));
            } catch (BkdmsException e) {
                rejected.add(new Rejection(rule.name(), e.reasonCode(), e.getMessage()));
            }
        }
        if (!matched) {
            rejected.add(new Rejection(null, "NO_MAPPING", "no mapping rule applies to this row"));
        }
        return new Result(out, rejected);
    }

    private static boolean matches(KpiMapping.Rule rule, SourceRow row) {
        for (Map.Entry<String, String> m : rule.match().entrySet()) {
            String v = row.field(m.getKey());
            if (m.getValue().equals("*") ? v == null : !m.getValue().equals(v)) {
                return false;
            }
        }
        return true;
    }

    private Observation apply(KpiMapping.Rule rule, SourceRow row) {
        Instant time = time(row, rule.time() != null ? rule.time() : mapping.timeField());
        SortedMap<String, KpiValue> values = new TreeMap<>();
        KpiDefinition def;
        if (rule.isLong()) {
            String code = required(row, rule.kpiField());
            def = catalogue.lookup(code);
            String seriesKey = rule.seriesField() == null ? null : row.field(rule.seriesField());
            SeriesDefinition s = seriesKey == null ? single(def) : def.series(seriesKey).orElseThrow(() -> new RowException(
                    "SERIES_MISMATCH", def.code() + " has no data series '" + seriesKey + "'"));
            String unit = rule.unitField() == null ? null : row.field(rule.unitField());
            values.put(s.key(), value(def, s, required(row, rule.valueField()), unit));
        } else {
            def = catalogue.lookup(rule.kpi());
            for (Map.Entry<String, KpiMapping.SeriesSource> e : rule.series().entrySet()) {
                KpiMapping.SeriesSource src = e.getValue();
                String text = src.expr() != null ? formula(src.expr()).number(row.fields()).toPlainString()
                        : row.field(src.field());
                if (text == null) {
                    continue;
                }
                String unit = src.unitField() != null ? row.field(src.unitField()) : src.unit();
                values.put(e.getKey(), value(def, def.series(e.getKey()).orElseThrow(), text, unit));
            }
            if (values.isEmpty()) {
                throw new RowException("MISSING_FIELD", "none of the fields " + rule.series().values().stream()
                        .map(s -> s.field() != null ? s.field() : s.expr()).toList() + " has a value");
            }
        }
        return new Observation(rule, def, time, values);
    }

    private Formula formula(String text) {
        return formulas.computeIfAbsent(text, Formula::parse);
    }

    private static SeriesDefinition single(KpiDefinition def) {
        if (def.series().size() != 1) {
            throw new RowException("SERIES_MISMATCH", def.code() + " has several data series; map a series field");
        }
        return def.series().get(0);
    }

    private KpiValue value(KpiDefinition def, SeriesDefinition s, String text, String unit) {
        if (s.kind() == ValueKind.BOOLEAN) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "yes", "true", "1", "y" -> KpiValue.of(true);
                case "no", "false", "0", "n" -> KpiValue.of(false);
                default -> throw new RowException("MALFORMED_VALUE", "'" + text + "' is not yes or no");
            };
        }
        BigDecimal v;
        try {
            v = new BigDecimal(text.replace('\u2212', '-'));
        } catch (NumberFormatException e) {
            throw new RowException("MALFORMED_VALUE", "'" + text + "' is not a number");
        }
        if (unit != null && !unit.equals(def.unit().code())) {
            v = units.convert(v, unit, def.unit());
        }
        return KpiValue.of(v);
    }

    private static String required(SourceRow row, String field) {
        String v = row.field(field);
        if (v == null) {
            throw new RowException("MISSING_FIELD", "field '" + field + "' is missing or empty");
        }
        return v;
    }

    private Instant time(SourceRow row, String field) {
        String t = required(row, field);
        try {
            return parseTime(t, zone);
        } catch (DateTimeException e) {
            throw new RowException("MALFORMED_TIME", "'" + t + "' is not a time (ISO 8601 instant, date-time, date,"
                    + " year-month or year)");
        }
    }

    /**
     * @param t an ISO 8601 instant, offset or local date-time, date, year-month or year
     * @param zone the zone of local times
     * @return the instant; a date or shorter means its first instant
     * @throws DateTimeException if the text is none of those
     */
    public static Instant parseTime(String t, ZoneId zone) {
        String s = t.strip();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        if (s.indexOf('T') > 0) {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        }
        return switch (s.length()) {
            case 4 -> Year.parse(s).atDay(1).atStartOfDay(zone).toInstant();
            case 7 -> YearMonth.parse(s).atDay(1).atStartOfDay(zone).toInstant();
            default -> LocalDate.parse(s).atStartOfDay(zone).toInstant();
        };
    }

    /** A row that cannot be read by a rule. */
    static final class RowException extends BkdmsException {
        private static final long serialVersionUID = 1L;
        private final String code;

        RowException(String code, String message) {
            super(message, null);
            this.code = code;
        }

        @Override
        public String reasonCode() {
            return code;
        }
    }
}
