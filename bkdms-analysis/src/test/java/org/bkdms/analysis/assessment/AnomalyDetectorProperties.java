package org.bkdms.analysis.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.bkdms.analysis.Obs;
import org.bkdms.analysis.Observation;

class AnomalyDetectorProperties {
    final AnomalyDetector detector = AnomalyDetector.withDefaults();

    @Property(tries = 300)
    void flagsTheInjectedOutlierAndNothingElse(@ForAll @IntRange(min = 8, max = 200) int n,
            @ForAll @IntRange(min = 0, max = 100_000) int seed, @ForAll @DoubleRange(min = 5, max = 1000) double jump,
            @ForAll boolean up) {
        Random r = new Random(seed);
        int at = r.nextInt(n);
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a level pattern repeating every four days over 100..110 with jitter: no trend, the MAD
            // of the residuals is about a third of the band, so ordinary values have |z| near 1 at most
            double v = 100 + 10.0 * (i % 4) / 3 + (r.nextDouble() - 0.5);
            if (i == at) {
                v = up ? 110 + jump * 10 : 100 - jump * 10;
            }
            obs.add(Obs.of().kpi("EN: EN: WS: 2C").unit("L/capita/d").value(v)
                    .time(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * i)).build());
        }
        List<AnomalyFlag> flags = detector.detect(obs);
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.observationTime()).isEqualTo(obs.get(at).observationTime());
            assertThat(f.advisory()).isTrue();
            assertThat(Math.abs(f.modifiedZ())).isGreaterThan(3.5);
        });
    }

    @Property(tries = 100)
    void aConstantSeriesIsNeverFlagged(@ForAll @IntRange(min = 8, max = 50) int n) {
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            obs.add(Obs.of().value("42").time(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * i)).build());
        }
        assertThat(detector.detect(obs)).isEmpty();
    }
}
