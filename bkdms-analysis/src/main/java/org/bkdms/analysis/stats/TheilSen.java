package org.bkdms.analysis.stats;

/**
 * The Theil-Sen estimator of a straight line: the slope is the median of the slopes between every
 * pair of points with distinct x, the intercept the median of {@code y - slope * x}. It tolerates up
 * to about 29 % of arbitrarily bad points, which suits KPI series with the odd wrong value.
 *
 * @param slope the slope, in units of y per unit of x
 * @param intercept the value at x = 0
 * @param points the number of points used
 */
public record TheilSen(double slope, double intercept, int points) {
    /** Largest number of points fitted; quadratic cost keeps this bounded. */
    public static final int MAX_POINTS = 5_000;

    /**
     * @param x the abscissae
     * @param y the ordinates, as many as x
     * @return the fitted line
     * @throws IllegalArgumentException if the arrays differ in length, hold more than
     *     {@value #MAX_POINTS} points, or no two points have distinct x
     */
    public static TheilSen fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (x.length > MAX_POINTS) {
            throw new IllegalArgumentException("at most " + MAX_POINTS + " points");
        }
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[i] != x[j]) {
                    slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("need two points with distinct x");
        }
        double slope = RobustStats.medianInPlace(k == slopes.length ? slopes : java.util.Arrays.copyOf(slopes, k));
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - slope * x[i];
        }
        return new TheilSen(slope, RobustStats.median(residual), n);
    }

    /**
     * @param x an abscissa
     * @return the line's value there
     */
    public double at(double x) {
        return intercept + slope * x;
    }
}
