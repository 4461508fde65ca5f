package org.bkdms.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TheilSenTest {
    @Test
    void recoversAKnownLine() {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i] + 2;
        }
        TheilSen fit = TheilSen.fit(x, y);
        assertThat(fit.slope()).isEqualTo(3);
        assertThat(fit.intercept()).isEqualTo(2);
        assertThat(fit.at(10)).isEqualTo(32);
    }

    @Test
    void ignoresAFewWildPoints() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {1, 1.5, 2, 2.5, 300, 3.5, 4, -200, 5, 5.5};
        assertThat(TheilSen.fit(x, y).slope()).isEqualTo(0.5);
    }

    @Test
    void needsTwoDistinctAbscissae() {
        assertThatThrownBy(() -> TheilSen.fit(new double[] {1, 1}, new double[] {2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
