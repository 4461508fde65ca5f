package org.bkdms.analysis.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.PolicyBook;
import org.bkdms.analysis.ReportResolver;
import org.bkdms.analysis.quality.ObservationValidator;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.ValueKind;

/**
 * Assesses KPI data: keeps the valid observations in the window, reduces them to one per report
 * ({@link ReportResolver}), aggregates city values per period, fits trends, compares with targets,
 * scores, and flags anomalies in decimal series (yes/no series are not judged). Stateless and
 * thread-safe.
 */
public final class Assessor {
    private final ObservationValidator validator;
    private final CityAggregator aggregator;
    private final TrendAnalyzer trends;
    private final TargetAssessor targets;
    private final AnomalyDetector anomalies;

    /**
     * @param validator the catalogue check
     * @param aggregator city aggregation
     * @param trends trend fitting
     * @param targets target comparison and scoring
     * @param anomalies anomaly flags
     */
    public Assessor(ObservationValidator validator, CityAggregator aggregator, TrendAnalyzer trends,
            TargetAssessor targets, AnomalyDetector anomalies) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
        this.trends = Objects.requireNonNull(trends, "trends");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.anomalies = Objects.requireNonNull(anomalies, "anomalies");
    }

    /**
     * @param catalogue the KPI catalogue
     * @return an assessor with the shipped polarities and default settings
     */
    public static Assessor withDefaults(KpiCatalogue catalogue) {
        KpiNatures natures = KpiNatures.standard(catalogue);
        return new Assessor(new ObservationValidator(catalogue), new CityAggregator(natures),
                TrendAnalyzer.withDefaults(natures), new TargetAssessor(catalogue, natures),
                AnomalyDetector.withDefaults());
    }

    /**
     * @param input the observations, policies and window
     * @param granularity the period length of city values and trends
     * @param targetSet the targets
     * @return the assessment
     */
    public Assessment assess(AnalysisInput input, Granularity granularity, TargetSet targetSet) {
        List<Observation> valid = new ArrayList<>();
        for (Observation o : input.observations()) {
            if (input.window().contains(o.observationTime()) && validator.check(o).isEmpty()) {
                valid.add(o);
            }
        }
        List<Observation> resolved = ReportResolver.resolve(valid, new PolicyBook(input.policies()));
        List<CityKpiValue> values = aggregator.aggregate(resolved, granularity);
        List<Trend> trendList = trends.trends(values);
        List<TargetComparison> comparisons = targets.compare(values, trendList, targetSet);
        // a yes/no fact that changes once is news, not an outlier
        List<Observation> numeric = resolved.stream().filter(this::decimalSeries).toList();
        return new Assessment(input.window(), granularity, targetSet.name(), values, trendList, comparisons,
                targets.scoreCards(comparisons), anomalies.detect(numeric));
    }

    private boolean decimalSeries(Observation o) {
        return validator.definition(o.kpiCode()).flatMap(d -> d.series(o.series()))
                .map(s -> s.kind() == ValueKind.DECIMAL).orElse(false);
    }
}
