package org.bkdms.analysis.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.SeriesDefinition;

/**
 * Compares city values with a target set and turns the comparisons into scores per sub-dimension,
 * dimension and city. Stateless and thread-safe.
 *
 * <p>Score of one series: {@code 100 * (current - worst) / (target - worst)}, clamped to 0..100. It
 * works for both polarities because the worst value lies on the bad side of the target.
 */
public final class TargetAssessor {
    private final KpiCatalogue catalogue;
    private final KpiNatures natures;

    /**
     * @param catalogue the catalogue (dimension, sub-dimension and ranges)
     * @param natures polarity per KPI
     */
    public TargetAssessor(KpiCatalogue catalogue, KpiNatures natures) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.natures = Objects.requireNonNull(natures, "natures");
    }

    /**
     * @param values city values sorted by {@link CityAggregator#ORDER}
     * @param trends the trends of those values
     * @param targets the targets
     * @return one comparison per city and targeted series with data, in value order
     */
    public List<TargetComparison> compare(List<CityKpiValue> values, List<Trend> trends, TargetSet targets) {
        Map<String, List<CityKpiValue>> bySeries = new LinkedHashMap<>();
        for (CityKpiValue v : values) {
            bySeries.computeIfAbsent(key(v.city(), v.kpiCode(), v.series()), k -> new ArrayList<>()).add(v);
        }
        Map<String, Trend> trendByKey = new TreeMap<>();
        for (Trend t : trends) {
            trendByKey.put(key(t.city(), t.kpiCode(), t.series()), t);
        }
        List<TargetComparison> out = new ArrayList<>();
        for (Map.Entry<String, List<CityKpiValue>> e : bySeries.entrySet()) {
            List<CityKpiValue> s = e.getValue();
            CityKpiValue last = s.get(s.size() - 1);
            Optional<Target> target = targets.find(last.city(), last.kpiCode(), last.series());
            if (target.isEmpty()) {
                continue;
            }
            out.add(compare(s, trendByKey.get(e.getKey()), target.get()));
        }
        return out;
    }

    private TargetComparison compare(List<CityKpiValue> s, Trend trend, Target t) {
        CityKpiValue last = s.get(s.size() - 1);
        Instant end = last.period().end();
        Instant yearBefore = end.atOffset(ZoneOffset.UTC).minusYears(1).toInstant();
        List<BigDecimal> recent = new ArrayList<>();
        Instant from = end;
        for (CityKpiValue v : s) {
            if (!v.period().start().isBefore(yearBefore)) {
                recent.add(v.value());
                from = v.period().start().isBefore(from) ? v.period().start() : from;
            }
        }
        BigDecimal current = CityAggregator.round(CityAggregator.mean(recent));
        Polarity polarity = t.polarity() != null ? t.polarity() : natures.polarity(t.kpiCode(), t.series());
        Boolean met = meets(current.doubleValue(), t.value().doubleValue(), polarity);
        Double projected = null;
        Boolean onTrack = null;
        if (trend != null && trend.slopePerYear() != null) {
            double x = LocalDate.of(t.year() + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                    / CityAggregator.SECONDS_PER_YEAR;
            double xEnd = trend.to().getEpochSecond() / CityAggregator.SECONDS_PER_YEAR;
            projected = trend.fittedAtEnd() + trend.slopePerYear() * (x - xEnd);
            onTrack = meets(projected, t.value().doubleValue(), polarity);
        }
        return new TargetComparison(last.city(), last.kpiCode(), last.series(), last.unit(), t.value(), t.year(),
                polarity, current, from, end, recent.size(), CityAggregator.round(t.value().subtract(current)), met,
                projected, onTrack, score(current, t, polarity), t.note());
    }

    private static Boolean meets(double value, double target, Polarity polarity) {
        return switch (polarity) {
            case HIGHER_IS_BETTER -> value >= target;
            case LOWER_IS_BETTER -> value <= target;
            case NEUTRAL -> null;
        };
    }

    private Double score(BigDecimal current, Target t, Polarity polarity) {
        if (polarity == Polarity.NEUTRAL) {
            return null;
        }
        BigDecimal worst = t.worst();
        if (worst == null && polarity == Polarity.HIGHER_IS_BETTER) {
            worst = catalogue.find(KpiCode.parse(t.kpiCode())).flatMap(d -> d.series(t.series()))
                    .map(SeriesDefinition::min).orElse(null);
        }
        if (worst == null || worst.compareTo(t.value()) == 0) {
            return null;
        }
        double w = worst.doubleValue();
        double raw = (current.doubleValue() - w) / (t.value().doubleValue() - w);
        return 100 * Math.max(0, Math.min(1, raw));
    }

    /**
     * @param comparisons target comparisons
     * @return one score card per city with comparisons, sorted by city
     */
    public List<ScoreCard> scoreCards(List<TargetComparison> comparisons) {
        // city -> dimension -> sub-dimension -> KPI -> series scores
        Map<String, Map<String, Map<String, Map<String, List<Double>>>>> tree = new TreeMap<>();
        for (TargetComparison c : comparisons) {
            if (c.score() == null) {
                continue;
            }
            Optional<KpiDefinition> def = catalogue.find(KpiCode.parse(c.kpiCode()));
            if (def.isEmpty()) {
                continue;
            }
            tree.computeIfAbsent(c.city(), k -> new TreeMap<>())
                    .computeIfAbsent(def.get().dimension(), k -> new TreeMap<>())
                    .computeIfAbsent(def.get().subDimension(), k -> new TreeMap<>())
                    .computeIfAbsent(c.kpiCode(), k -> new ArrayList<>()).add(c.score());
        }
        List<ScoreCard> cards = new ArrayList<>();
        for (var city : tree.entrySet()) {
            List<DimensionScore> dims = new ArrayList<>();
            for (var dim : city.getValue().entrySet()) {
                List<SubDimensionScore> subs = new ArrayList<>();
                int dimKpis = 0;
                for (var sub : dim.getValue().entrySet()) {
                    List<Double> kpiScores = sub.getValue().values().stream().map(TargetAssessor::mean).toList();
                    subs.add(new SubDimensionScore(sub.getKey(), mean(kpiScores), kpiScores.size(),
                            List.copyOf(sub.getValue().keySet())));
                    dimKpis += kpiScores.size();
                }
                dims.add(new DimensionScore(dim.getKey(), mean(subs.stream().map(SubDimensionScore::score).toList()),
                        dimKpis, subs));
            }
            cards.add(new ScoreCard(city.getKey(), mean(dims.stream().map(DimensionScore::score).toList()), dims));
        }
        return cards;
    }

    private static Double mean(List<Double> v) {
        return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static String key(String city, String kpi, String series) {
        return city + "\u0000" + kpi + "\u0000" + series;
    }
}
