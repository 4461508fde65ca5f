package org.bkdms.analysis.assessment;

/**
 * What the assessment needs to know about a KPI data series beyond the catalogue: which way it
 * improves and how its site values combine into a city value.
 *
 * @param polarity which way it improves
 * @param aggregation how site values combine
 */
public record KpiNature(Polarity polarity, AggregationRule aggregation) {
}
