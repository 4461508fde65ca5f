package org.bkdms.analysis.assessment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.Period;

/**
 * Turns resolved observations (valid, one per report) into city values per period, following each
 * KPI's {@link AggregationRule}. Stateless and thread-safe.
 */
public final class CityAggregator {
    /** Decimal places of every aggregated value. */
    public static final int SCALE = 6;

    private final KpiNatures natures;

    /**
     * @param natures polarity and aggregation per KPI
     */
    public CityAggregator(KpiNatures natures) {
        this.natures = Objects.requireNonNull(natures, "natures");
    }

    private record Key(String city, String kpi, String series, Instant period) {
    }

    /**
     * @param resolved valid observations, one per report
     * @param granularity the period length
     * @return city values sorted by city, KPI, series and period
     */
    public List<CityKpiValue> aggregate(List<Observation> resolved, Granularity granularity) {
        Map<Key, Map<String, List<Observation>>> groups = new HashMap<>();
        Map<Key, Observation> sample = new HashMap<>();
        for (Observation o : resolved) {
            Key k = new Key(o.city(), o.kpiCode(), o.series(), granularity.startOf(o.observationTime()));
            groups.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(o.siteId(), x -> new ArrayList<>()).add(o);
            sample.putIfAbsent(k, o);
        }
        List<CityKpiValue> out = new ArrayList<>(groups.size());
        for (Map.Entry<Key, Map<String, List<Observation>>> e : groups.entrySet()) {
            Key k = e.getKey();
            AggregationRule rule = natures.aggregation(k.kpi());
            List<Observation> perSiteLatest = new ArrayList<>();
            List<BigDecimal> perSite = new ArrayList<>();
            int count = 0;
            for (List<Observation> siteObs : e.getValue().values()) {
                count += siteObs.size();
                Observation latest = siteObs.stream().max(LATEST).orElseThrow();
                perSiteLatest.add(latest);
                perSite.add(rule == AggregationRule.SUM || rule == AggregationRule.LATEST ? latest.value()
                        : mean(siteObs.stream().map(Observation::value).toList()));
            }
            BigDecimal value = switch (rule) {
                case MEAN -> mean(perSite);
                case MEDIAN -> median(perSite);
                case SUM -> perSite.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                case LATEST -> perSiteLatest.stream().max(LATEST).orElseThrow().value();
            };
            Observation s = sample.get(k);
            out.add(new CityKpiValue(k.city(), s.country(), k.kpi(), k.series(), s.unit(), granularity.periodOf(k.period()),
                    round(value), rule, e.getValue().size(), count));
        }
        out.sort(ORDER);
        return out;
    }

    /** Order of city values in every report: city, KPI, series, period. */
    public static final Comparator<CityKpiValue> ORDER = Comparator.comparing(CityKpiValue::city)
            .thenComparing(CityKpiValue::kpiCode).thenComparing(CityKpiValue::series)
            .thenComparing(v -> v.period().start());

    private static final Comparator<Observation> LATEST = Comparator.comparing(Observation::observationTime)
            .thenComparingLong(Observation::blockHeight);

    static BigDecimal mean(List<BigDecimal> values) {
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2)
                : s.get(n / 2 - 1).add(s.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL128);
    }

    static BigDecimal round(BigDecimal v) {
        BigDecimal r = v.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    /**
     * @param period a period
     * @return its midpoint in years since 1970 (365.2425-day years), the x of trend fits
     */
    public static double yearsSinceEpoch(Period period) {
        double mid = (period.start().getEpochSecond() + period.end().getEpochSecond()) / 2.0;
        return mid / SECONDS_PER_YEAR;
    }

    /** Seconds in a mean Gregorian year. */
    public static final double SECONDS_PER_YEAR = 365.2425 * 86_400;
}
