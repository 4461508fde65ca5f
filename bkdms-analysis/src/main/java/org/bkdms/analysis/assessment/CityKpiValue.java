package org.bkdms.analysis.assessment;

import java.math.BigDecimal;
import org.bkdms.analysis.Period;

/**
 * The value of one KPI data series for one city in one period, aggregated across the city's sites.
 *
 * @param city the city
 * @param country the city's country (ISO 3166-1 numeric)
 * @param kpiCode the KPI
 * @param series the data series
 * @param unit the unit
 * @param period the period
 * @param value the city value, rounded to 6 decimal places
 * @param rule how site values were combined
 * @param sites sites that contributed
 * @param observations observations that contributed (one per report after duplicates are removed)
 */
public record CityKpiValue(String city, String country, String kpiCode, String series, String unit, Period period,
        BigDecimal value, AggregationRule rule, int sites, int observations) {
}
