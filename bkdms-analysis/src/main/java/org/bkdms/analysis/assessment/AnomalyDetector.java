package org.bkdms.analysis.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.stats.RobustStats;
import org.bkdms.analysis.stats.TheilSen;

/**
 * Flags outliers in each site's series of one KPI data series with the modified z-score of
 * Iglewicz and Hoaglin: {@code z = 0.6745 (x - median) / MAD}, flagged when {@code |z|} exceeds the
 * threshold (3.5 by default). For series of at least {@value #DETREND_MIN_POINTS} values the score
 * is computed on the residuals from the series' Theil-Sen line (fitted over at most
 * {@value #FIT_POINTS} evenly spaced points), because a KPI that steadily improves would otherwise
 * have its first and last values flagged; shorter series are scored as they are, because a line
 * through a few values can absorb an outlier at either end. A flag reports the value the
 * series would be expected to have at that time (the line plus the median residual) and the spread
 * of the residuals. When more than half the values are equal the MAD is 0; the mean
 * absolute deviation scaled by 1.2533 takes its place ({@code z = (x - median) / (1.2533 MeanAD)}),
 * and when that is 0 too every value equals the median and nothing is flagged. Series shorter than
 * the minimum length are not judged. Stateless and thread-safe.
 */
public final class AnomalyDetector {
    private static final double Z_FACTOR = 0.6745;
    private static final double MEAN_AD_FACTOR = 1.253314;
    /** Most points the detrending line is fitted through, which bounds its quadratic cost. */
    public static final int FIT_POINTS = 200;
    /** Fewest values a series needs before it is detrended. */
    public static final int DETREND_MIN_POINTS = 24;
    private final double threshold;
    private final int minPoints;

    /**
     * @param threshold the |z| above which a value is flagged
     * @param minPoints fewest values a series needs to be judged
     */
    public AnomalyDetector(double threshold, int minPoints) {
        if (!(threshold > 0) || minPoints < 3) {
            throw new IllegalArgumentException("threshold must be > 0 and minPoints >= 3");
        }
        this.threshold = threshold;
        this.minPoints = minPoints;
    }

    /** @return a detector with threshold 3.5 that judges series of 8 or more values */
    public static AnomalyDetector withDefaults() {
        return new AnomalyDetector(3.5, 8);
    }

    /**
     * Residuals from a Theil-Sen line through the series, or the values themselves for a short
     * series or one whose times are all equal.
     */
    private static double[] residuals(List<Observation> s) {
        int n = s.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = s.get(i).observationTime().getEpochSecond() / CityAggregator.SECONDS_PER_YEAR;
            y[i] = s.get(i).value().doubleValue();
        }
        if (n < DETREND_MIN_POINTS) {
            return y;
        }
        int m = Math.min(n, FIT_POINTS);
        double[] fx = new double[m];
        double[] fy = new double[m];
        for (int j = 0; j < m; j++) {
            int i = (int) ((long) j * (n - 1) / Math.max(1, m - 1));
            fx[j] = x[i];
            fy[j] = y[i];
        }
        if (fx[0] == fx[m - 1]) {
            return y;
        }
        TheilSen line = TheilSen.fit(fx, fy);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - line.at(x[i]);
        }
        return r;
    }

    /**
     * @param resolved valid observations, one per report
     * @return the flags, sorted by site, KPI, series and time
     */
    public List<AnomalyFlag> detect(List<Observation> resolved) {
        Map<String, List<Observation>> series = new LinkedHashMap<>();
        for (Observation o : resolved) {
            series.computeIfAbsent(o.siteId() + "\u0000" + o.kpiCode() + "\u0000" + o.series(), k -> new ArrayList<>())
                    .add(o);
        }
        List<AnomalyFlag> out = new ArrayList<>();
        for (List<Observation> s : series.values()) {
            if (s.size() < minPoints) {
                continue;
            }
            s.sort(Comparator.comparing(Observation::observationTime));
            double[] v = residuals(s);
            double median = RobustStats.median(v);
            double mad = RobustStats.mad(v);
            double scale;
            double spread;
            if (mad > 0) {
                scale = Z_FACTOR / mad;
                spread = mad;
            } else {
                double meanAd = RobustStats.meanAbsoluteDeviation(v);
                if (meanAd == 0) {
                    continue;
                }
                scale = 1 / (MEAN_AD_FACTOR * meanAd);
                spread = MEAN_AD_FACTOR * meanAd;
            }
            for (int i = 0; i < v.length; i++) {
                double z = (v[i] - median) * scale;
                if (Math.abs(z) > threshold) {
                    Observation o = s.get(i);
                    double expected = o.value().doubleValue() - v[i] + median;
                    out.add(new AnomalyFlag(o.siteId(), o.city(), o.kpiCode(), o.series(), o.observationTime(), o.value(),
                            expected, spread, z, o.blockHeight(), o.tracingCode(), true));
                }
            }
        }
        out.sort(Comparator.comparing(AnomalyFlag::siteId).thenComparing(AnomalyFlag::kpiCode)
                .thenComparing(AnomalyFlag::series).thenComparing(AnomalyFlag::observationTime));
        return out;
    }
}
