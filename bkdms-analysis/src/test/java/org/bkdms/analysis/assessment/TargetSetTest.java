package org.bkdms.analysis.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetSetTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();

    static TargetSet read(String yaml) {
        return TargetSet.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), CATALOGUE);
    }

    @Test
    void theShippedExampleLoads() {
        TargetSet set = TargetSet.example(CATALOGUE);
        assertThat(set.name()).isEqualTo("Example 2030 targets");
        assertThat(set.targets()).hasSizeGreaterThanOrEqualTo(20).allSatisfy(t -> assertThat(t.year()).isEqualTo(2030));
        assertThat(set.find("anywhere", "EN: EN: AQ: 1C", "pm_2.5")).isPresent();
    }

    @Test
    void codesAreCanonicalizedAndSeriesDefaultsToValue() {
        TargetSet set = read("targets:\n  - {kpi: 'ec:ict:ict:1c', value: 90.5, year: 2030}\n");
        assertThat(set.targets().get(0).kpiCode()).isEqualTo("EC: ICT: ICT: 1C");
        assertThat(set.targets().get(0).series()).isEqualTo("value");
        assertThat(set.targets().get(0).value()).isEqualByComparingTo("90.5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "targets: [{kpi: 'XX: YY: ZZ: 1C', value: 1, year: 2030}]|unknown KPI",
        "targets: [{kpi: 'EN: EN: AQ: 1C', series: pm_1, value: 1, year: 2030}]|no series 'pm_1'",
        "targets: [{kpi: 'EC: ICT: ICT: 1C', value: 120, year: 2030}]|outside [0, 100]",
        "targets: [{kpi: 'EC: ICT: ICT: 1C', value: 90, year: 2030, worst: 90}]|worst equals",
        "targets: [{kpi: 'EC: ICT: ICT: 1C', value: 90}]|required",
        "targets: [{kpi: 'EC: ICT: ICT: 1C', value: 90, year: 30}]|not plausible",
        "targets: [{kpi: 'EC: ICT: ICT: 1C', value: 90, year: 2030}, {kpi: 'EC: ICT: ICT: 1C', value: 95, year: 2030}]|a second target",
        "targets: [{kpi: 'EC: ICT: ICT: 1C', value: 90, year: 2030, colour: red}]|not valid",
        "name: x|no 'targets'",
        "targets: [{kpi: 'EC: ICT: ICT: 1C', value: ninety, year: 2030}]|not valid",
        "'': [|not valid",
    })
    void badFilesGetATypedErrorNamingTheProblem(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(TargetFileException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((TargetFileException) e).reasonCode()).isEqualTo("INVALID_TARGETS"));
    }
}
