package org.bkdms.analysis.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bkdms.analysis.Obs;
import org.bkdms.analysis.Observation;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    static List<Observation> series(String... values) {
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            obs.add(Obs.of().value(values[i]).time(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * i))
                    .height(i + 1).tracing("t" + i).build());
        }
        return obs;
    }

    @Test
    void whenMostValuesAreEqualTheMeanDeviationStandsInForTheMad() {
        List<AnomalyFlag> flags = AnomalyDetector.withDefaults().detect(series("5", "5", "5", "5", "5", "5", "5", "5", "90"));
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualByComparingTo("90");
            assertThat(f.tracingCode()).isEqualTo("t8");
            assertThat(f.blockHeight()).isEqualTo(9);
        });
    }

    @Test
    void shortSeriesAreNotJudged() {
        assertThat(AnomalyDetector.withDefaults().detect(series("1", "1", "1", "1", "1", "1", "900"))).isEmpty();
    }

    @Test
    void aSteadyTrendWithSmallNoiseIsNotFlaggedAtItsEnds() {
        String[] v = new String[36];
        for (int i = 0; i < v.length; i++) {
            v[i] = String.valueOf(20 + 2 * i + (i % 3) * 0.3); // rises 2 per step, noise 0..0.6
        }
        assertThat(AnomalyDetector.withDefaults().detect(series(v))).isEmpty();
        v[20] = "90";
        assertThat(AnomalyDetector.withDefaults().detect(series(v))).singleElement()
                .satisfies(f -> assertThat(f.expected()).isBetween(60.0, 61.0));
    }

    @Test
    void anOutlierAtTheEndOfAShortSeriesIsFlagged() {
        assertThat(AnomalyDetector.withDefaults().detect(series("100", "103", "107", "110", "100", "103", "107", "110",
                "160"))).singleElement().satisfies(f -> assertThat(f.value()).isEqualByComparingTo("160"));
    }
}
