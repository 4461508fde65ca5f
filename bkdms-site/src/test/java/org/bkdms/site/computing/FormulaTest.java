package org.bkdms.site.computing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.site.collection.SourceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaTest {
    private static final Map<String, String> ROW = Map.of("consumption_m3", "1825000", "population", "100000",
            "station", "elgeseter", "pm10", "12.5");

    @Test
    void arithmeticOverFieldsIsExactDecimal() {
        assertThat(Formula.parse("consumption_m3 * 1000 / population / 365").number(ROW)).isEqualByComparingTo("50");
        assertThat(Formula.parse("0.1 + 0.2").number(ROW)).isEqualByComparingTo("0.3");
        assertThat(Formula.parse("pm10 / 3").number(ROW).toPlainString()).startsWith("4.1666666666");
    }

    @Test
    void conditionsCompareNumbersAndStrings() {
        assertThat(Formula.parse("station == 'elgeseter' && pm10 >= 0").test(ROW)).isTrue();
        assertThat(Formula.parse("pm10 > 100 || station == 'other'").test(ROW)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "''.getClass()",
        "station.getClass().forName('java.lang.Runtime')",
        "new('java.io.File', '/etc/passwd')",
        "pm10 = 3",
        "for (x : [1, 2]) { x }",
        "x -> x",
        "#pragma jexl.namespace.r java.lang.Runtime\\n1",
        "var a = 1; a",
        "java.lang.System.exit(1)",
    })
    void anythingBeyondArithmeticAndLogicIsRefused(String formula) {
        assertThatThrownBy(() -> Formula.parse(formula.replace("\\n", "\n")).number(ROW))
                .isInstanceOfAny(MappingException.class, Formula.FormulaException.class);
    }

    @Test
    void aMissingFieldOrANonNumberIsAFormulaError() {
        assertThatThrownBy(() -> Formula.parse("missing * 2").number(ROW)).isInstanceOf(Formula.FormulaException.class)
                .satisfies(e -> assertThat(((Formula.FormulaException) e).reasonCode()).isEqualTo("FORMULA_ERROR"));
        assertThatThrownBy(() -> Formula.parse("station").number(ROW)).isInstanceOf(Formula.FormulaException.class);
        assertThatThrownBy(() -> Formula.parse("pm10 / 0").number(ROW)).isInstanceOf(Formula.FormulaException.class);
    }

    @Test
    void aMappingComputesASeriesFromAFormulaAndFiltersRowsWithAnother() throws Exception {
        KpiMapping m = KpiMapping.read(new ByteArrayInputStream("""
                rules:
                  - kpi: "EN: EN: WS: 2C"
                    when: "population > 0"
                    series:
                      value: { expr: "consumption_m3 * 1000 / population / 365" }
                """.getBytes(StandardCharsets.UTF_8)), KpiCatalogue.u4ssc());
        RowComputer c = new RowComputer(m, KpiCatalogue.u4ssc(), new UnitRegistry());
        var ok = c.compute(new SourceRow("t", "t:1", Map.of("time", "2025", "consumption_m3", "6022500", "population",
                "100000")), Optional.empty());
        assertThat(ok.observations()).singleElement().satisfies(o ->
                assertThat(((KpiValue.Decimal) o.values().get("value")).value()).isEqualByComparingTo("165"));
        var skipped = c.compute(new SourceRow("t", "t:2", Map.of("time", "2025", "consumption_m3", "1", "population", "0")),
                Optional.empty());
        assertThat(skipped.rejections()).extracting(RowComputer.Rejection::reasonCode).containsExactly("NO_MAPPING");
        var broken = c.compute(new SourceRow("t", "t:3", Map.of("time", "2025", "population", "10")), Optional.empty());
        assertThat(broken.rejections()).extracting(RowComputer.Rejection::reasonCode).containsExactly("FORMULA_ERROR");
    }

    @Test
    void aMappingWithAnUnsafeFormulaDoesNotLoad() {
        assertThatThrownBy(() -> KpiMapping.read(new ByteArrayInputStream("""
                rules:
                  - kpi: "EN: EN: WS: 2C"
                    series:
                      value: { expr: "''.getClass().forName('java.lang.Runtime')" }
                """.getBytes(StandardCharsets.UTF_8)), KpiCatalogue.u4ssc())).isInstanceOf(MappingException.class);
    }
}
