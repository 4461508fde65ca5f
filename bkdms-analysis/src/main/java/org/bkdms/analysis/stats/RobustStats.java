package org.bkdms.analysis.stats;

import java.util.Arrays;

/** Order statistics and robust spread measures over {@code double} samples. */
public final class RobustStats {
    /**
     * Consistency constant that makes the MAD estimate the standard deviation of normal data
     * (1 / the 0.75 quantile of the standard normal distribution).
     */
    public static final double MAD_TO_SIGMA = 1.482602218505602;

    private RobustStats() {
    }

    /**
     * @param values a sample, not modified
     * @return its median (mean of the two middle values for an even count)
     * @throws IllegalArgumentException if the sample is empty
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        return medianInPlace(values.clone());
    }

    /**
     * The median by selection (expected linear time) rather than sorting, because Theil-Sen takes
     * the median of up to n(n-1)/2 slopes.
     *
     * @param a a non-empty sample; reordered
     * @return its median
     */
    static double medianInPlace(double[] a) {
        int n = a.length;
        double upper = select(a, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        // after selecting n/2, everything left of it is <= it: the lower middle is their maximum
        double lower = a[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, a[i]);
        }
        return lower + (upper - lower) / 2;
    }

    /** Hoare's selection with a median-of-three pivot: the k-th smallest value, 0-based. */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * The q-quantile by linear interpolation between order statistics (Hyndman and Fan type 7, the
     * default of R and NumPy), so the median of {1, 2, 3, 4} is 2.5 and the 0.95-quantile of 1..100
     * is 95.05.
     *
     * @param values a sample, not modified
     * @param q the probability, 0..1
     * @return the quantile
     * @throws IllegalArgumentException if the sample is empty or q is outside 0..1
     */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return quantileOfSorted(s, q);
    }

    /**
     * @param sorted a sample sorted ascending
     * @param q the probability, 0..1
     * @return the type-7 quantile
     * @throws IllegalArgumentException if the sample is empty or q is outside 0..1
     */
    public static double quantileOfSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must lie in 0..1");
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The median absolute deviation from the median, unscaled.
     *
     * @param values a sample, not modified
     * @return the MAD
     * @throws IllegalArgumentException if the sample is empty
     */
    public static double mad(double[] values) {
        double m = median(values);
        double[] dev = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - m);
        }
        return median(dev);
    }

    /**
     * @param values a sample, not modified
     * @return the mean absolute deviation from the median
     * @throws IllegalArgumentException if the sample is empty
     */
    public static double meanAbsoluteDeviation(double[] values) {
        double m = median(values);
        double sum = 0;
        for (double v : values) {
            sum += Math.abs(v - m);
        }
        return sum / values.length;
    }

    /**
     * @param values a sample
     * @return its arithmetic mean
     * @throws IllegalArgumentException if the sample is empty
     */
    public static double mean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
