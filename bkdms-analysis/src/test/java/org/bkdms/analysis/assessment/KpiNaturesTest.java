package org.bkdms.analysis.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.Test;

class KpiNaturesTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    final KpiNatures natures = KpiNatures.standard(CATALOGUE);

    @Test
    void everyCatalogueKpiHasAPolarityLine() {
        assertThat(CATALOGUE.all()).allSatisfy(d -> assertThat(natures.lists(d.code().canonical()))
                .as(d.code().canonical()).isTrue());
    }

    @Test
    void seriesLinesOverrideTheKpiLine() {
        assertThat(natures.polarity("EN: EN: WA: 1C", "recycled")).isEqualTo(Polarity.HIGHER_IS_BETTER);
        assertThat(natures.polarity("EN: EN: WA: 1C", "landfill")).isEqualTo(Polarity.LOWER_IS_BETTER);
        assertThat(natures.polarity("EN: EN: WA: 1C", "incinerated")).isEqualTo(Polarity.NEUTRAL);
        assertThat(natures.polarity("EN: EN: AQ: 1C", "o3")).isEqualTo(Polarity.LOWER_IS_BETTER);
    }

    @Test
    void aggregationFollowsTheUnit() {
        assertThat(natures.aggregation("EC: ICT: ICT: 5C")).isEqualTo(AggregationRule.SUM);
        assertThat(natures.aggregation("EC: I: ES: 2C")).isEqualTo(AggregationRule.MEDIAN);
        assertThat(natures.aggregation("SC: SH: SA: 3A")).isEqualTo(AggregationRule.LATEST);
        assertThat(natures.aggregation("EN: EN: AQ: 1C")).isEqualTo(AggregationRule.MEAN);
    }
}
