package org.bkdms.analysis.assessment;

import java.util.List;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.TimeWindow;

/**
 * The result of an assessment.
 *
 * @param window the window assessed
 * @param granularity the period length of the city values
 * @param targetSet the name of the target set compared against
 * @param values city values per KPI series and period
 * @param trends one trend per city and KPI series
 * @param targets comparisons with the target set
 * @param scores score cards per city
 * @param anomalies advisory anomaly flags
 */
public record Assessment(TimeWindow window, Granularity granularity, String targetSet, List<CityKpiValue> values,
        List<Trend> trends, List<TargetComparison> targets, List<ScoreCard> scores, List<AnomalyFlag> anomalies) {
    /**
     * Copies the lists.
     *
     * @param window see {@link #window()}
     * @param granularity see {@link #granularity()}
     * @param targetSet see {@link #targetSet()}
     * @param values see {@link #values()}
     * @param trends see {@link #trends()}
     * @param targets see {@link #targets()}
     * @param scores see {@link #scores()}
     * @param anomalies see {@link #anomalies()}
     */
    public Assessment {
        values = List.copyOf(values);
        trends = List.copyOf(trends);
        targets = List.copyOf(targets);
        scores = List.copyOf(scores);
        anomalies = List.copyOf(anomalies);
    }
}
