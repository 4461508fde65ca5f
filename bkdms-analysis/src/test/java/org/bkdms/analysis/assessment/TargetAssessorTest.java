package org.bkdms.analysis.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Period;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.Test;

class TargetAssessorTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    final KpiNatures natures = KpiNatures.standard(CATALOGUE);
    final TargetAssessor assessor = new TargetAssessor(CATALOGUE, natures);
    final TrendAnalyzer trends = TrendAnalyzer.withDefaults(natures);

    static List<CityKpiValue> monthly(String city, String kpi, String series, String unit, double start, double perMonth,
            int months) {
        List<CityKpiValue> out = new ArrayList<>();
        List<Period> periods = Period.covering(Granularity.MONTH, new TimeWindow(Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z")));
        for (int i = 0; i < months; i++) {
            out.add(new CityKpiValue(city, "578", kpi, series, unit, periods.get(i),
                    BigDecimal.valueOf(start + perMonth * i), AggregationRule.MEAN, 1, 1));
        }
        return out;
    }

    static Target target(String kpi, String series, String city, String value, String worst) {
        return new Target(kpi, series, city, new BigDecimal(value), 2030, null, worst == null ? null : new BigDecimal(worst),
                null);
    }

    @Test
    void currentLevelIsTheLastYearMeanAndScoreIsTheDistanceToTarget() {
        // PM2.5 falls from 20 by 0.1 per month over 24 months: last 12 months 18.8 .. 17.7, mean 18.25
        List<CityKpiValue> v = monthly("A", "EN: EN: AQ: 1C", "pm_2.5", "ug/m3", 20, -0.1, 24);
        TargetSet set = new TargetSet("t", List.of(target("EN: EN: AQ: 1C", "pm_2.5", null, "10", "35")));
        TargetComparison c = assessor.compare(v, trends.trends(v), set).get(0);
        assertThat(c.current()).isEqualByComparingTo("18.25");
        assertThat(c.currentPeriods()).isEqualTo(12);
        assertThat(c.polarity()).isEqualTo(Polarity.LOWER_IS_BETTER);
        assertThat(c.met()).isFalse();
        assertThat(c.gap()).isEqualByComparingTo("-8.25");
        assertThat(c.score()).isCloseTo(100 * (18.25 - 35) / (10 - 35), within(1e-9));
        // 1.2 per year down from about 17.6 at the start of 2026: about 12.8 at the end of 2030
        assertThat(c.projected()).isCloseTo(11.6, within(0.2));
        assertThat(c.onTrack()).isFalse();
    }

    @Test
    void higherIsBetterScoresFromTheCatalogueLowerBoundAndClampsAtHundred() {
        List<CityKpiValue> v = monthly("A", "EC: ICT: ICT: 1C", "value", "%", 99, 0, 12);
        TargetSet set = new TargetSet("t", List.of(target("EC: ICT: ICT: 1C", "value", null, "98", null)));
        TargetComparison c = assessor.compare(v, trends.trends(v), set).get(0);
        assertThat(c.met()).isTrue();
        assertThat(c.score()).isEqualTo(100.0);
        List<CityKpiValue> half = monthly("A", "EC: ICT: ICT: 1C", "value", "%", 49, 0, 12);
        assertThat(assessor.compare(half, List.of(), set).get(0).score()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void aCitySpecificTargetReplacesTheGeneralOne() {
        List<CityKpiValue> v = new ArrayList<>(monthly("A", "EC: ICT: ICT: 1C", "value", "%", 80, 0, 3));
        v.addAll(monthly("B", "EC: ICT: ICT: 1C", "value", "%", 80, 0, 3));
        TargetSet set = new TargetSet("t", List.of(target("EC: ICT: ICT: 1C", "value", null, "90", null),
                target("EC: ICT: ICT: 1C", "value", "B", "75", null)));
        List<TargetComparison> c = assessor.compare(v, List.of(), set);
        assertThat(c).extracting(TargetComparison::city, TargetComparison::met)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", false), org.assertj.core.groups.Tuple.tuple("B", true));
    }

    @Test
    void scoresAverageSeriesIntoKpisKpisIntoSubDimensionsAndThoseIntoDimensions() {
        List<TargetComparison> comparisons = List.of(
                comparison("EN: EN: AQ: 1C", "pm_2.5", 40.0), comparison("EN: EN: AQ: 1C", "no2", 80.0),
                comparison("EN: EN: AQ: 2C", "value", 100.0), comparison("EN: E: E: 1C", "value", 20.0),
                comparison("EC: ICT: ICT: 1C", "value", 90.0), comparison("EC: P: EM: 1C", "value", null));
        ScoreCard card = assessor.scoreCards(comparisons).get(0);
        DimensionScore env = card.dimensions().stream().filter(d -> d.dimension().equals("Environment")).findFirst()
                .orElseThrow();
        // sub-dimension Environment: mean(mean(40, 80), 100) = 80; Energy: 20; dimension: 50
        assertThat(env.subDimensions()).extracting(SubDimensionScore::subDimension, SubDimensionScore::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Energy", 20.0),
                        org.assertj.core.groups.Tuple.tuple("Environment", 80.0));
        assertThat(env.score()).isEqualTo(50.0);
        assertThat(env.kpisScored()).isEqualTo(3);
        assertThat(card.dimensions()).extracting(DimensionScore::dimension).containsExactly("Economy", "Environment");
        assertThat(card.overall()).isEqualTo(70.0);
    }

    static TargetComparison comparison(String kpi, String series, Double score) {
        return new TargetComparison("A", kpi, series, "%", BigDecimal.ONE, 2030, Polarity.HIGHER_IS_BETTER,
                BigDecimal.ONE, Instant.EPOCH, Instant.EPOCH, 1, BigDecimal.ZERO, true, null, null, score, null);
    }
}
