package org.bkdms.analysis.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Period;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrendAnalyzerTest {
    final TrendAnalyzer analyzer = TrendAnalyzer.withDefaults(KpiNatures.standard(KpiCatalogue.u4ssc()));

    static List<CityKpiValue> yearly(String kpi, String series, double... values) {
        List<CityKpiValue> out = new ArrayList<>();
        List<Period> years = Period.covering(Granularity.YEAR, new TimeWindow(java.time.Instant.parse("2020-01-01T00:00:00Z"),
                java.time.Instant.parse("2040-01-01T00:00:00Z")));
        for (int i = 0; i < values.length; i++) {
            out.add(new CityKpiValue("UNLOCODE:NOTRD", "578", kpi, series, "%", years.get(i),
                    BigDecimal.valueOf(values[i]), AggregationRule.MEAN, 1, 1));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "EC: ICT: ICT: 1C, value, 1, IMPROVING",
        "EC: ICT: ICT: 1C, value, -1, WORSENING",
        "EN: EN: AQ: 1C, pm_2.5, -1, IMPROVING",
        "EN: EN: AQ: 1C, pm_2.5, 1, WORSENING",
        "EN: EN: WA: 1C, incinerated, 1, RISING",
        "EN: EN: WA: 1C, incinerated, -1, FALLING",
        "EN: EN: WA: 1C, recycled, 1, IMPROVING",
        "EC: ICT: ICT: 1C, value, 0.001, STABLE",
    })
    void directionFollowsThePolarityOfTheSeries(String kpi, String series, double step, TrendDirection expected) {
        Trend t = analyzer.trends(yearly(kpi, series, 50, 50 + step, 50 + 2 * step, 50 + 3 * step, 50 + 4 * step))
                .get(0);
        assertThat(t.direction()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2, INSUFFICIENT_DATA", "3, IMPROVING"})
    void fewPointsGiveNoTrend(int points, TrendDirection expected) {
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            v[i] = 10 + i;
        }
        assertThat(analyzer.trends(yearly("EC: ICT: ICT: 1C", "value", v)).get(0).direction()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void slopeIsPerYearAndRobustToOneWildYear() {
        Trend t = analyzer.trends(yearly("EC: ICT: ICT: 1C", "value", 60, 62, 64, 99, 68, 70, 72)).get(0);
        assertThat(t.slopePerYear()).isCloseTo(2.0, within(0.01));
        assertThat(t.points()).isEqualTo(7);
        assertThat(t.fittedAtEnd()).isCloseTo(73, within(0.05));
    }
}
