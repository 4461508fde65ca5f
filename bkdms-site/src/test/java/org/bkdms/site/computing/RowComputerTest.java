package org.bkdms.site.computing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.site.collection.SourceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowComputerTest {
    private static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();

    private static KpiMapping mapping(String yaml) throws Exception {
        return KpiMapping.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), CATALOGUE);
    }

    private static final String AIR = """
            timeZone: Europe/Oslo
            rules:
              - name: air
                kpi: "EN: EN: AQ: 1C"
                match: { station: "*" }
                series:
                  pm_10: { field: pm10 }
                  no2: { field: no2, unit: "mg/m3" }
              - name: meters
                kpi: "EC: ICT: WS: 1C"
                match: { kind: smart-meters }
                series:
                  value: { field: share, unit: "1" }
            """;

    private static SourceRow row(Map<String, String> fields) {
        return new SourceRow("test", "t:1", fields);
    }

    @Test
    void aWideRowBecomesKpiDataInTheCatalogueUnit() throws Exception {
        RowComputer c = new RowComputer(mapping(AIR), CATALOGUE, new UnitRegistry());
        RowComputer.Result r = c.compute(row(Map.of("time", "2025-01-01T10:00", "station", "elgeseter", "pm10", "12.5",
                "no2", "0.021")), Optional.empty());
        assertThat(r.rejections()).isEmpty();
        assertThat(r.observations()).singleElement().satisfies(o -> {
            assertThat(o.kpi().code().canonical()).isEqualTo("EN: EN: AQ: 1C");
            assertThat(o.time()).isEqualTo(Instant.parse("2025-01-01T09:00:00Z"));
            assertThat(o.values()).containsEntry("pm_10", KpiValue.of("12.5"));
            assertThat(((KpiValue.Decimal) o.values().get("no2")).value()).isEqualByComparingTo("21");
        });
    }

    @Test
    void aRowNoRuleAppliesToIsRefusedAsNoMapping() throws Exception {
        RowComputer c = new RowComputer(mapping(AIR), CATALOGUE, new UnitRegistry());
        RowComputer.Result r = c.compute(row(Map.of("time", "2025-01-01", "kind", "other")), Optional.empty());
        assertThat(r.observations()).isEmpty();
        assertThat(r.rejections()).extracting(RowComputer.Rejection::reasonCode).containsExactly("NO_MAPPING");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.2, VALUE_OUT_OF_RANGE",
        "-0.1, VALUE_OUT_OF_RANGE",
        "half, MALFORMED_VALUE",
        "'', MISSING_FIELD",
    })
    void badValuesAreRefusedWithAReason(String share, String reason) throws Exception {
        RowComputer c = new RowComputer(mapping(AIR), CATALOGUE, new UnitRegistry());
        RowComputer.Result r = c.compute(row(Map.of("time", "2025-01-01", "kind", "smart-meters", "share", share)),
                Optional.empty());
        assertThat(r.observations()).isEmpty();
        assertThat(r.rejections()).extracting(RowComputer.Rejection::reasonCode).containsExactly(reason);
    }

    @Test
    void aKpiOutsideTheCollectionPolicyIsRefused() throws Exception {
        RowComputer c = new RowComputer(mapping(AIR), CATALOGUE, new UnitRegistry());
        RowComputer.Result r = c.compute(row(Map.of("time", "2025-01-01", "kind", "smart-meters", "share", "0.6")),
                Optional.of(Set.of(KpiCode.parse("EN: EN: AQ: 1C"))));
        assertThat(r.rejections()).extracting(RowComputer.Rejection::reasonCode).containsExactly("NOT_IN_POLICY");
        RowComputer.Result ok = c.compute(row(Map.of("time", "2025-01-01", "kind", "smart-meters", "share", "0.6")),
                Optional.of(Set.of(KpiCode.parse("EC: ICT: WS: 1C"))));
        assertThat(ok.observations()).singleElement().satisfies(o ->
                assertThat(((KpiValue.Decimal) o.values().get("value")).value()).isEqualByComparingTo("60"));
    }

    @ParameterizedTest
    @CsvSource({
        "2025-03-01T12:00:00Z, 2025-03-01T12:00:00Z",
        "2025-03-01T12:00:00+02:00, 2025-03-01T10:00:00Z",
        "2025-03-01 12:00:00, 2025-03-01T11:00:00Z",
        "2025-03-01, 2025-02-28T23:00:00Z",
        "2025-03, 2025-02-28T23:00:00Z",
        "2025, 2024-12-31T23:00:00Z",
    })
    void timesAreReadInTheMappingsZoneUnlessTheyCarryAnOffset(String text, String expected) {
        assertThat(RowComputer.parseTime(text, ZoneId.of("Europe/Oslo"))).isEqualTo(Instant.parse(expected));
    }

    @Test
    void mappingsNamingUnknownKpisSeriesUnitsOrFunctionsAreRefusedAtLoad() {
        assertThatThrownBy(() -> mapping("rules: [{kpi: 'EC: ICT: ICT: 99C', series: {value: {field: v}}}]"))
                .isInstanceOf(MappingException.class).hasMessageContaining("99C");
        assertThatThrownBy(() -> mapping("rules: [{kpi: 'EC: ICT: ICT: 1C', series: {nope: {field: v}}}]"))
                .isInstanceOf(MappingException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> mapping("rules: [{kpi: 'EC: ICT: ICT: 1C', series: {value: {field: v, unit: kg}}}]"))
                .isInstanceOf(MappingException.class).hasMessageContaining("kg");
        assertThatThrownBy(() -> mapping("rules: [{kpi: 'EC: ICT: ICT: 1C', series: {value: {field: v}},"
                + " consolidate: {function: median}}]")).isInstanceOf(MappingException.class).hasMessageContaining("median");
        assertThatThrownBy(() -> mapping("rules: [{kpi: 'EC: ICT: ICT: 1C', series: {value: {field: v}},"
                + " consolidate: {function: rate_per_100k}}]")).isInstanceOf(MappingException.class)
                .hasMessageContaining("population");
        assertThatThrownBy(() -> mapping("rules: [{kpi: 'EC: ICT: ICT: 1C', colour: red}]"))
                .isInstanceOf(MappingException.class);
    }

    @Test
    void theSampleMappingLoads() throws Exception {
        try (var in = getClass().getResourceAsStream("/sample/mapping.yaml")) {
            assertThat(KpiMapping.read(in, CATALOGUE).rules()).hasSize(2);
        }
    }
}
