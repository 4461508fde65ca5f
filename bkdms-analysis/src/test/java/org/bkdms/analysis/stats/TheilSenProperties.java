package org.bkdms.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class TheilSenProperties {
    @Property
    void exactLineWithUpToAFifthOfOutliersGivesTheExactSlope(@ForAll @IntRange(min = 10, max = 60) int n,
            @ForAll @DoubleRange(min = -50, max = 50) double slope, @ForAll @DoubleRange(min = -1000, max = 1000) double b,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.25;
            y[i] = slope * x[i] + b;
        }
        int outliers = n / 5;
        for (int k = 0; k < outliers; k++) {
            y[r.nextInt(n)] += (r.nextBoolean() ? 1 : -1) * (1e4 + r.nextDouble() * 1e5);
        }
        TheilSen fit = TheilSen.fit(x, y);
        assertThat(fit.slope()).isCloseTo(slope, within(1e-6 * Math.max(1, Math.abs(slope))));
        assertThat(fit.intercept()).isCloseTo(b, within(1e-6 * Math.max(1, Math.abs(b))));
    }
}
