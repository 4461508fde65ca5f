package org.bkdms.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class RobustStatsProperties {
    @Property
    void quantilesLieWithinTheSampleAndGrowWithQ(@ForAll @Size(min = 1, max = 50) double[] sample,
            @ForAll @DoubleRange(min = 0, max = 1) double q1, @ForAll @DoubleRange(min = 0, max = 1) double q2) {
        double[] finite = Arrays.stream(sample).map(d -> Double.isFinite(d) ? d % 1e9 : 0).toArray();
        double lo = Arrays.stream(finite).min().orElseThrow();
        double hi = Arrays.stream(finite).max().orElseThrow();
        double a = RobustStats.quantile(finite, Math.min(q1, q2));
        double b = RobustStats.quantile(finite, Math.max(q1, q2));
        assertThat(a).isBetween(lo, hi);
        assertThat(b).isBetween(lo, hi);
        assertThat(a).isLessThanOrEqualTo(b);
    }

    @Property
    void inputIsNotModified(@ForAll @Size(min = 1, max = 30) double[] sample) {
        double[] copy = sample.clone();
        RobustStats.mad(sample);
        assertThat(sample).isEqualTo(copy);
    }

    @Property(tries = 2000)
    void selectionMedianEqualsTheSortedMedian(@ForAll @Size(min = 1, max = 200) double[] sample) {
        double[] finite = Arrays.stream(sample).map(d -> Double.isFinite(d) ? d % 1e12 : 0).toArray();
        double[] sorted = finite.clone();
        Arrays.sort(sorted);
        assertThat(RobustStats.median(finite)).isEqualTo(RobustStats.quantileOfSorted(sorted, 0.5));
    }

    @Property(tries = 500)
    void selectionMedianCopesWithManyEqualValues(@ForAll @Size(min = 1, max = 300) int[] small) {
        double[] v = Arrays.stream(small).mapToDouble(i -> Math.floorMod(i, 3)).toArray();
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        assertThat(RobustStats.median(v)).isEqualTo(RobustStats.quantileOfSorted(sorted, 0.5));
    }
}
