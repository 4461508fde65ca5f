package org.bkdms.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.analysis.assessment.Assessment;
import org.bkdms.analysis.assessment.Assessor;
import org.bkdms.analysis.assessment.TargetSet;
import org.bkdms.analysis.quality.ObservationValidator;
import org.bkdms.analysis.quality.QualityAnalyzer;
import org.bkdms.analysis.quality.QualityConfig;
import org.bkdms.analysis.quality.QualityReport;
import org.bkdms.core.kpi.KpiCatalogue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The analysis module over one million observations: 50 sites in 10 cities, each reporting 20
 * single-series KPIs daily for 1020 days under a daily collection policy, with about 1 % of the
 * reports left out, 0.5 % sent twice and one value in 10 000 an outlier (about 1 015 000 observations).
 *
 * <ul>
 *   <li>{@link #quality()}: {@code QualityAnalyzer.analyze} by month — completeness, sequence
 *       gaps, timeliness, validity, duplicates, availability;</li>
 *   <li>{@link #assessment()}: {@code Assessor.assess} by month against the example targets —
 *       validation, duplicate resolution, city aggregation, Theil-Sen trends, target comparison,
 *       scores and anomaly flags.</li>
 * </ul>
 *
 * One operation is one whole analysis; the score is its time in milliseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class AnalysisBenchmark {
    static final int SITES = 50;
    static final int CITIES = 10;
    static final int DAYS = 1020;
    static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    /** Twenty single-series percentage KPIs, so every value can be checked against 0..100. */
    static final List<String> KPIS = List.of("EC: ICT: ICT: 1C", "EC: ICT: ICT: 2C", "EC: ICT: WS: 1C",
            "EC: ICT: ES: 1C", "EC: ICT: T: 1C", "EC: ICT: T: 2C", "EC: P: EM: 1C", "EC: P: EM: 2C", "EC: I: WS: 1C",
            "EC: I: WS: 2C", "EC: I: WS: 3C", "EC: I: WS: 4C", "EC: I: WS: 5C", "EC: I: WA: 1C", "EC: I: ES: 3C",
            "EN: EN: WS: 1C", "EN: EN: EQ: 1C", "EN: E: E: 1C", "SC: EH: ED: 1C", "SC: EH: ED: 2C");

    private final KpiCatalogue catalogue = KpiCatalogue.u4ssc();
    private AnalysisInput input;
    private QualityAnalyzer qualityAnalyzer;
    private Assessor assessor;
    private TargetSet targets;

    /** Builds the observations once per trial. */
    @Setup
    public void setUp() {
        input = AnalysisInput.of(observations(), policies(), new TimeWindow(START, START.plusSeconds(DAYS * 86_400L)));
        qualityAnalyzer = new QualityAnalyzer(new ObservationValidator(catalogue), QualityConfig.defaults());
        assessor = Assessor.withDefaults(catalogue);
        targets = TargetSet.example(catalogue);
        if (input.observations().size() < 1_000_000) {
            throw new IllegalStateException("expected a million observations, built " + input.observations().size());
        }
    }

    static String site(int s) {
        return "10.40." + (s / 250) + "." + (s % 250 + 1);
    }

    static List<CollectionPolicy> policies() {
        List<CollectionPolicy> out = new ArrayList<>();
        for (int s = 0; s < SITES; s++) {
            out.add(new CollectionPolicy(site(s), KPIS, 86_400, null));
        }
        return out;
    }

    static List<Observation> observations() {
        SplittableRandom r = new SplittableRandom(4907);
        List<Observation> out = new ArrayList<>(1_010_000);
        for (int s = 0; s < SITES; s++) {
            String city = "UNLOCODE:NOX" + (char) ('A' + s % CITIES) + "A";
            long seq = 0;
            for (int d = 0; d < DAYS; d++) {
                Instant t = START.plusSeconds(d * 86_400L);
                Instant block = t.plusSeconds(86_400 + 60 + r.nextInt(1800));
                for (int k = 0; k < KPIS.size(); k++) {
                    seq++;
                    if (r.nextInt(100) == 0) {
                        continue; // lost
                    }
                    double level = 40 + k * 2 + s % 7 + d * 0.004 + 3 * Math.sin(d * 2 * Math.PI / 365.25);
                    double v = r.nextInt(10_000) == 0 ? 99.9 : level + r.nextDouble() * 2;
                    Observation o = new Observation(site(s), "578", city, KPIS.get(k), "value",
                            BigDecimal.valueOf(Math.round(v * 10), 1), "%", t, null,
                            block.getEpochSecond() / 600, block, seq, null);
                    out.add(o);
                    if (r.nextInt(200) == 0) {
                        out.add(o); // sent twice
                    }
                }
            }
        }
        return out;
    }

    /** @return the quality report, so that JMH keeps the work */
    @Benchmark
    public QualityReport quality() {
        return qualityAnalyzer.analyze(input, Granularity.MONTH);
    }

    /** @return the assessment, so that JMH keeps the work */
    @Benchmark
    public Assessment assessment() {
        return assessor.assess(input, Granularity.MONTH, targets);
    }
}
