package org.bkdms.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RobustStatsTest {
    @Test
    void medianOfOddAndEvenSamples() {
        assertThat(RobustStats.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(RobustStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void quantileInterpolatesLikeRAndNumpy() {
        double[] oneToHundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        assertThat(RobustStats.quantile(oneToHundred, 0.95)).isCloseTo(95.05, within(1e-12));
        assertThat(RobustStats.quantile(oneToHundred, 0)).isEqualTo(1);
        assertThat(RobustStats.quantile(oneToHundred, 1)).isEqualTo(100);
    }

    @Test
    void madOfAKnownSample() {
        // median 2, absolute deviations 1 1 0 0 2 4 7 -> median 1
        assertThat(RobustStats.mad(new double[] {1, 1, 2, 2, 4, 6, 9})).isEqualTo(1);
    }

    @Test
    void emptySamplesAreRefused() {
        assertThatThrownBy(() -> RobustStats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RobustStats.quantile(new double[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
