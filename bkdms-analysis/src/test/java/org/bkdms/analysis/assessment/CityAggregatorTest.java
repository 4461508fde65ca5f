package org.bkdms.analysis.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Obs;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.PolicyBook;
import org.bkdms.analysis.ReportResolver;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.Test;

class CityAggregatorTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    final CityAggregator aggregator = new CityAggregator(KpiNatures.standard(CATALOGUE));

    @Test
    void sharesAreTheMeanOfEachSiteMean() {
        List<Observation> obs = List.of(
                Obs.of().site("10.0.0.1").value("10").time("2025-03-01T00:00:00Z").build(),
                Obs.of().site("10.0.0.1").value("20").time("2025-03-15T00:00:00Z").build(),
                Obs.of().site("10.0.0.2").value("40").time("2025-03-02T00:00:00Z").build());
        CityKpiValue v = aggregator.aggregate(obs, Granularity.MONTH).get(0);
        assertThat(v.rule()).isEqualTo(AggregationRule.MEAN);
        assertThat(v.value()).isEqualByComparingTo("27.5");
        assertThat(v.sites()).isEqualTo(2);
        assertThat(v.observations()).isEqualTo(3);
        assertThat(v.period().label()).isEqualTo("2025-03");
    }

    @Test
    void countsAreTheSumOfEachSiteLatestValue() {
        String wifi = "EC: ICT: ICT: 5C";
        List<Observation> obs = List.of(
                Obs.of().site("10.0.0.1").kpi(wifi).unit("1").value("100").time("2025-03-01T00:00:00Z").build(),
                Obs.of().site("10.0.0.1").kpi(wifi).unit("1").value("104").time("2025-03-20T00:00:00Z").build(),
                Obs.of().site("10.0.0.2").kpi(wifi).unit("1").value("50").time("2025-03-02T00:00:00Z").build());
        CityKpiValue v = aggregator.aggregate(obs, Granularity.MONTH).get(0);
        assertThat(v.rule()).isEqualTo(AggregationRule.SUM);
        assertThat(v.value()).isEqualByComparingTo("154");
    }

    @Test
    void minutesTakeTheMedianAcrossSites() {
        String response = "SC: SH: SA: 5A";
        List<Observation> obs = List.of(
                Obs.of().site("10.0.0.1").kpi(response).unit("min").value("8").build(),
                Obs.of().site("10.0.0.2").kpi(response).unit("min").value("9").build(),
                Obs.of().site("10.0.0.3").kpi(response).unit("min").value("40").build());
        CityKpiValue v = aggregator.aggregate(obs, Granularity.YEAR).get(0);
        assertThat(v.rule()).isEqualTo(AggregationRule.MEDIAN);
        assertThat(v.value()).isEqualByComparingTo("9");
    }

    @Test
    void yesNoFactsTakeTheLatestValue() {
        String plan = "SC: SH: SA: 3A";
        List<Observation> obs = List.of(
                Obs.of().site("10.0.0.1").kpi(plan).unit("yes/no").value("0").time("2025-01-01T00:00:00Z").build(),
                Obs.of().site("10.0.0.2").kpi(plan).unit("yes/no").value("1").time("2025-06-01T00:00:00Z").build());
        CityKpiValue v = aggregator.aggregate(obs, Granularity.YEAR).get(0);
        assertThat(v.rule()).isEqualTo(AggregationRule.LATEST);
        assertThat(v.value()).isEqualByComparingTo("1");
    }

    @Test
    void valuesAreRoundedToSixPlacesInPlainNotation() {
        List<Observation> obs = List.of(Obs.of().site("10.0.0.1").value("1").build(),
                Obs.of().site("10.0.0.2").value("1").build(), Obs.of().site("10.0.0.3").value("2").build());
        BigDecimal v = aggregator.aggregate(obs, Granularity.MONTH).get(0).value();
        assertThat(v.toPlainString()).isEqualTo("1.333333");
    }

    @Test
    void aResentValueCountsOnceAndALaterCorrectionWins() {
        List<Observation> obs = List.of(
                Obs.of().value("10").height(5).seq(1).build(),
                Obs.of().value("10").height(6).seq(2).build(),
                Obs.of().value("12").height(9).seq(3).build());
        List<Observation> resolved = ReportResolver.resolve(obs, new PolicyBook(List.of()));
        assertThat(resolved).singleElement().satisfies(o -> assertThat(o.value()).isEqualByComparingTo("12"));
    }
}
