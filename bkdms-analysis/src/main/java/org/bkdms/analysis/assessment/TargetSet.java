package org.bkdms.analysis.assessment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.SeriesDefinition;

/**
 * A named set of targets, read from YAML:
 *
 * <pre>
 * name: Example 2030 targets
 * targets:
 *   - kpi: "EN: EN: AQ: 1C"
 *     series: pm_2.5
 *     value: 10
 *     year: 2030
 *     worst: 50          # optional: the value that scores 0
 *     city: UNLOCODE:NOTRD   # optional: only this city
 *     polarity: LOWER_IS_BETTER   # optional: overrides the KPI's polarity
 *     note: WHO interim  # optional
 * </pre>
 *
 * A city-specific target replaces the general one for the same KPI and series.
 *
 * @param name the set's name
 * @param targets the targets
 */
public record TargetSet(String name, List<Target> targets) {
    /** Classpath resource of the shipped example targets. */
    public static final String EXAMPLE_RESOURCE = "/org/bkdms/analysis/targets-2030-example.yaml";

    /**
     * Copies the list.
     *
     * @param name see {@link #name()}
     * @param targets see {@link #targets()}
     */
    public TargetSet {
        name = name == null ? "" : name;
        targets = List.copyOf(targets);
    }

    /** The YAML shape, kept apart so that the public record stays free of binding concerns. */
    private record FileTarget(String kpi, String series, String city, java.math.BigDecimal value, Integer year,
            Polarity polarity, java.math.BigDecimal worst, String note) {
    }

    private record FileSet(String name, List<FileTarget> targets) {
    }

    /**
     * Reads and checks a targets file.
     *
     * @param in YAML, UTF-8
     * @param catalogue the catalogue the KPIs must come from
     * @return the targets
     * @throws TargetFileException if the file is malformed or names an unknown KPI or series, or a
     *     target or worst value outside the series' range
     */
    public static TargetSet read(InputStream in, KpiCatalogue catalogue) {
        FileSet file;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            file = yaml.readValue(in, FileSet.class);
        } catch (IOException e) {
            throw new TargetFileException("targets file is not valid: " + firstLine(e.getMessage()), e);
        }
        if (file == null || file.targets() == null) {
            throw new TargetFileException("targets file has no 'targets' list", null);
        }
        List<Target> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (FileTarget t : file.targets()) {
            i++;
            String where = "target " + i;
            if (t == null || t.kpi() == null || t.value() == null || t.year() == null) {
                throw new TargetFileException(where + ": kpi, value and year are required", null);
            }
            Optional<KpiDefinition> def = findKpi(catalogue, t.kpi());
            if (def.isEmpty()) {
                throw new TargetFileException(where + ": unknown KPI '" + t.kpi() + "'", null);
            }
            String series = t.series() == null ? SeriesDefinition.SINGLE : t.series();
            SeriesDefinition s = def.get().series(series).orElseThrow(() -> new TargetFileException(
                    where + ": KPI " + def.get().code() + " has no series '" + series + "'", null));
            if (!s.inRange(t.value()) || (t.worst() != null && !s.inRange(t.worst()))) {
                throw new TargetFileException(where + ": value or worst outside " + s.rangeText(), null);
            }
            if (t.worst() != null && t.worst().compareTo(t.value()) == 0) {
                throw new TargetFileException(where + ": worst equals the target value", null);
            }
            if (t.year() < 1900 || t.year() > 2200) {
                throw new TargetFileException(where + ": year " + t.year() + " is not plausible", null);
            }
            String code = def.get().code().canonical();
            if (!seen.add(code + "|" + series + "|" + t.city())) {
                throw new TargetFileException(where + ": a second target for " + code + " " + series
                        + (t.city() == null ? "" : " in " + t.city()), null);
            }
            out.add(new Target(code, series, t.city(), t.value(), t.year(), t.polarity(), t.worst(), t.note()));
        }
        return new TargetSet(file.name(), out);
    }

    /**
     * @param catalogue the catalogue
     * @return the shipped example targets
     */
    public static TargetSet example(KpiCatalogue catalogue) {
        try (InputStream in = TargetSet.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + EXAMPLE_RESOURCE);
            }
            return read(in, catalogue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param city a city
     * @param kpiCode a canonical KPI code
     * @param series a series key
     * @return the target for that city (its own, else the general one)
     */
    public Optional<Target> find(String city, String kpiCode, String series) {
        Target general = null;
        for (Target t : targets) {
            if (t.kpiCode().equals(kpiCode) && t.series().equals(series)) {
                if (city.equals(t.city())) {
                    return Optional.of(t);
                }
                if (t.city() == null) {
                    general = t;
                }
            }
        }
        return Optional.ofNullable(general);
    }

    private static Optional<KpiDefinition> findKpi(KpiCatalogue catalogue, String text) {
        try {
            return catalogue.find(KpiCode.parse(text));
        } catch (RuntimeException notACode) {
            return Optional.empty();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
