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
}
