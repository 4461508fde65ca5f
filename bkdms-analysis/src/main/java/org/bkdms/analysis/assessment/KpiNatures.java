package org.bkdms.analysis.assessment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiDefinition;

/**
 * The polarity and aggregation rule of every KPI data series. Polarities come from the resource
 * {@value #RESOURCE} (one line per KPI, with per-series overrides); aggregation rules follow from
 * the catalogue's unit: counts ({@code 1}) are summed, minutes take the median, yes/no facts the
 * latest value, everything else (shares, rates, per-capita figures, concentrations) the mean.
 * Immutable and thread-safe.
 */
public final class KpiNatures {
    /** Classpath resource with the polarities. */
    public static final String RESOURCE = "/org/bkdms/analysis/kpi-polarity.csv";

    private final Map<String, Polarity> polarity;
    private final Map<String, AggregationRule> aggregation = new HashMap<>();

    private KpiNatures(KpiCatalogue catalogue, Map<String, Polarity> polarity) {
        this.polarity = Map.copyOf(polarity);
        for (KpiDefinition d : catalogue.all()) {
            aggregation.put(d.code().canonical(), switch (d.unit()) {
                case COUNT -> AggregationRule.SUM;
                case MINUTE -> AggregationRule.MEDIAN;
                case YES_NO -> AggregationRule.LATEST;
                default -> AggregationRule.MEAN;
            });
        }
    }

    /**
     * @param catalogue the catalogue the KPIs come from
     * @return the shipped polarities for that catalogue
     */
    public static KpiNatures standard(KpiCatalogue catalogue) {
        Objects.requireNonNull(catalogue, "catalogue");
        try (InputStream in = KpiNatures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Map<String, Polarity> map = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("code,")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": bad line '" + line + "'");
                }
                map.put(key(KpiCode.parse(f[0]).canonical(), f[1]), Polarity.valueOf(f[2]));
            }
            return new KpiNatures(catalogue, map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String code, String series) {
        return code + "|" + series;
    }

    /**
     * @param kpiCode a canonical KPI code
     * @param series a series key
     * @return the series' polarity: its own line, else the KPI's {@code *} line, else neutral
     */
    public Polarity polarity(String kpiCode, String series) {
        Polarity p = polarity.get(key(kpiCode, series));
        return p != null ? p : polarity.getOrDefault(key(kpiCode, "*"), Polarity.NEUTRAL);
    }

    /**
     * @param kpiCode a canonical KPI code
     * @return whether the resource lists the KPI
     */
    public boolean lists(String kpiCode) {
        return polarity.containsKey(key(kpiCode, "*"));
    }

    /**
     * @param kpiCode a canonical KPI code
     * @return how its site values combine (mean for KPIs the catalogue does not know)
     */
    public AggregationRule aggregation(String kpiCode) {
        return aggregation.getOrDefault(kpiCode, AggregationRule.MEAN);
    }

    /**
     * @param kpiCode a canonical KPI code
     * @param series a series key
     * @return polarity and aggregation together
     */
    public KpiNature of(String kpiCode, String series) {
        return new KpiNature(polarity(kpiCode, series), aggregation(kpiCode));
    }
}
