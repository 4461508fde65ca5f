package org.bkdms.analysis.assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bkdms.analysis.stats.RobustStats;
import org.bkdms.analysis.stats.TheilSen;

/**
 * Fits a Theil-Sen line through each city's KPI series and names its direction relative to the
 * KPI's polarity. A trend is {@link TrendDirection#STABLE} when the fitted change per year is
 * smaller than {@code stableBand} times the series' median level (1 % by default); with fewer than
 * {@code minPoints} periods it is {@link TrendDirection#INSUFFICIENT_DATA}. Stateless and thread-safe.
 */
public final class TrendAnalyzer {
    private final KpiNatures natures;
    private final double stableBand;
    private final int minPoints;

    /**
     * @param natures polarity per KPI
     * @param stableBand relative change per year below which a trend is stable, such as 0.01
     * @param minPoints fewest periods fitted, at least 2
     */
    public TrendAnalyzer(KpiNatures natures, double stableBand, int minPoints) {
        this.natures = Objects.requireNonNull(natures, "natures");
        if (!(stableBand >= 0) || minPoints < 2) {
            throw new IllegalArgumentException("stableBand must be >= 0 and minPoints >= 2");
        }
        this.stableBand = stableBand;
        this.minPoints = minPoints;
    }

    /**
     * @param natures polarity per KPI
     * @return an analyzer with a 1 % stability band and at least 3 points
     */
    public static TrendAnalyzer withDefaults(KpiNatures natures) {
        return new TrendAnalyzer(natures, 0.01, 3);
    }

    /**
     * @param values city values, sorted as {@link CityAggregator#ORDER} sorts them
     * @return one trend per city, KPI and series, in the same order
     */
    public List<Trend> trends(List<CityKpiValue> values) {
        Map<String, List<CityKpiValue>> series = new LinkedHashMap<>();
        for (CityKpiValue v : values) {
            series.computeIfAbsent(v.city() + "\u0000" + v.kpiCode() + "\u0000" + v.series(), k -> new ArrayList<>()).add(v);
        }
        List<Trend> out = new ArrayList<>(series.size());
        for (List<CityKpiValue> s : series.values()) {
            out.add(fit(s));
        }
        return out;
    }

    private Trend fit(List<CityKpiValue> s) {
        CityKpiValue first = s.get(0);
        CityKpiValue last = s.get(s.size() - 1);
        Polarity polarity = natures.polarity(first.kpiCode(), first.series());
        if (s.size() < minPoints || s.size() > TheilSen.MAX_POINTS) {
            return new Trend(first.city(), first.kpiCode(), first.series(), first.unit(), s.size(),
                    first.period().start(), last.period().end(), null, null, null, polarity,
                    TrendDirection.INSUFFICIENT_DATA);
        }
        double[] x = new double[s.size()];
        double[] y = new double[s.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = CityAggregator.yearsSinceEpoch(s.get(i).period());
            y[i] = s.get(i).value().doubleValue();
        }
        TheilSen line = TheilSen.fit(x, y);
        double level = Math.abs(RobustStats.median(y));
        Double relative = level == 0 ? null : line.slope() / level;
        double end = last.period().end().getEpochSecond() / CityAggregator.SECONDS_PER_YEAR;
        return new Trend(first.city(), first.kpiCode(), first.series(), first.unit(), s.size(), first.period().start(),
                last.period().end(), line.slope(), relative, line.at(end), polarity,
                direction(line.slope(), level, polarity));
    }

    TrendDirection direction(double slope, double level, Polarity polarity) {
        if (Math.abs(slope) <= stableBand * level) {
            return TrendDirection.STABLE;
        }
        return switch (polarity) {
            case HIGHER_IS_BETTER -> slope > 0 ? TrendDirection.IMPROVING : TrendDirection.WORSENING;
            case LOWER_IS_BETTER -> slope < 0 ? TrendDirection.IMPROVING : TrendDirection.WORSENING;
            case NEUTRAL -> slope > 0 ? TrendDirection.RISING : TrendDirection.FALLING;
        };
    }
}
