package org.bkdms.core.kpi;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bkdms.core.error.UnknownKpiCodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KpiCatalogueTest {
    private static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();

    /** The 91 U4SSC codes by dimension / sub-dimension (source: shared/spec/kpi-u4ssc-91.csv). */
    private static final Map<String, List<String>> CODES_BY_SUB_DIMENSION = new LinkedHashMap<>();

    static {
        put("Economy / ICT", "EC: ICT: ICT: 1C | EC: ICT: ICT: 2C | EC: ICT: ICT: 3C | EC: ICT: ICT: 4C | EC: ICT: ICT: 5C"
                + " | EC: ICT: WS: 1C | EC: ICT: WS: 2A | EC: ICT: D: 1A | EC: ICT: ES: 1C | EC: ICT: ES: 2A | EC: ICT: ES: 3A"
                + " | EC: ICT: T: 1C | EC: ICT: T: 2C | EC: ICT: T: 3A | EC: ICT: PS: 1A | EC: ICT: PS: 2A | EC: ICT: PS: 3A");
        put("Economy / Productivity", "EC: P: IN: 1C | EC: P: IN: 2C | EC: P: IN: 3A | EC: P: EM: 1C | EC: P: EM: 2C"
                + " | EC: P: EM: 3A | EC: P: EM: 4A");
        put("Economy / Infrastructure", "EC: I: WS: 1C | EC: I: WS: 2C | EC: I: WS: 3C | EC: I: WS: 4C | EC: I: WS: 5C"
                + " | EC: I: WA: 1C | EC: I: ES: 1C | EC: I: ES: 2C | EC: I: ES: 3C | EC: I: T: 1C | EC: I: T: 2A"
                + " | EC: I: T: 3C | EC: I: T: 4A | EC: I: T: 5A | EC: I: T: 6A | EC: I: T: 7A | EC: I: T: 8A | EC: I: B: 1A"
                + " | EC: I: B: 2A | EC: I: UP: 1A | EC: I: UP: 2A");
        put("Environment / Environment", "EN: EN: AQ: 1C | EN: EN: AQ: 2C | EN: EN: WS: 1C | EN: EN: WS: 2C"
                + " | EN: EN: WS: 3C | EN: EN: WS: 4C | EN: EN: WA: 1C | EN: EN: EQ: 1C | EN: EN: EQ: 2A | EN: EN: PSN: 1C"
                + " | EN: EN: PSN: 2A | EN: EN: PSN: 3A | EN: EN: PSN: 4A");
        put("Environment / Energy", "EN: E: E: 1C | EN: E: E: 2C | EN: E: E: 3C | EN: E: E: 4A");
        put("Society and Culture / Education, Health and Culture", "SC: EH: ED: 1C | SC: EH: ED: 2C | SC: EH: ED: 3C"
                + " | SC: EH: ED: 4C | SC: EH: ED: 5A | SC: EH: H: 1C | SC: EH: H: 2C | SC: EH: H: 3C | SC: EH: H: 4A"
                + " | SC: EH: H: 5A | SC: EH: C: 1C | SC: EH: C: 2A");
        put("Society and Culture / Safety, Housing and Social Inclusion", "SC: SH: HO: 1C | SC: SH: HO: 2A | SC: SH: SI: 1C"
                + " | SC: SH: SI: 2C | SC: SH: SI: 3C | SC: SH: SI: 4C | SC: SH: SI: 5A | SC: SH: SA: 1C | SC: SH: SA: 2C"
                + " | SC: SH: SA: 3A | SC: SH: SA: 4A | SC: SH: SA: 5A | SC: SH: SA: 6C | SC: SH: SA: 7C | SC: SH: SA: 8C"
                + " | SC: SH: SA: 9C | SC: SH: FS: 1A");
    }

    private static void put(String subDimension, String codes) {
        CODES_BY_SUB_DIMENSION.put(subDimension, Arrays.asList(codes.split(" \\| ")));
    }

    private static KpiDefinition def(String code) {
        return CATALOGUE.lookup(code);
    }

    private static KpiData data(String code, String unit, Map<String, KpiValue> values) {
        return new KpiData(KpiCode.parse(code), new java.util.TreeMap<>(values), unit);
    }

    // ---------------------------------------------------------------- contents

    @Test
    void holdsThe91U4sscKpis() {
        assertThat(CATALOGUE.size()).isEqualTo(91);
        assertThat(CATALOGUE.all()).hasSize(91);
    }

    @Test
    void has55CoreAnd36AdvancedKpis() {
        assertThat(CATALOGUE.all().stream().filter(KpiDefinition::core)).hasSize(55);
        assertThat(CATALOGUE.all().stream().filter(d -> !d.core())).hasSize(36);
    }

    @Test
    void marksCoreExactlyWhenTheCodeEndsInC() {
        assertThat(CATALOGUE.all()).allSatisfy(d -> assertThat(d.core()).as(d.code().canonical()).isEqualTo(d.code().isCore()));
    }

    @Test
    void countsKpisPerDimension() {
        Map<String, Long> perDimension = CATALOGUE.all().stream().collect(groupingBy(KpiDefinition::dimension, counting()));
        assertThat(perDimension).containsOnly(entry("Economy", 45L), entry("Environment", 17L),
                entry("Society and Culture", 29L));
    }

    @Test
    void countsKpisPerSubDimension() {
        Map<String, Long> perSub = CATALOGUE.all().stream()
                .collect(groupingBy(d -> d.dimension() + " / " + d.subDimension(), counting()));
        assertThat(perSub).containsOnly(
                entry("Economy / ICT", 17L),
                entry("Economy / Productivity", 7L),
                entry("Economy / Infrastructure", 21L),
                entry("Environment / Environment", 13L),
                entry("Environment / Energy", 4L),
                entry("Society and Culture / Education, Health and Culture", 12L),
                entry("Society and Culture / Safety, Housing and Social Inclusion", 17L));
    }

    @Test
    void containsEveryU4sscCodeUnderItsSubDimension() {
        Map<String, TreeSet<String>> actual = CATALOGUE.all().stream().collect(groupingBy(
                d -> d.dimension() + " / " + d.subDimension(), mapping(d -> d.code().canonical(), toCollection(TreeSet::new))));
        assertThat(CODES_BY_SUB_DIMENSION.values().stream().mapToInt(List::size).sum()).isEqualTo(91);
        CODES_BY_SUB_DIMENSION.forEach((sub, codes) -> assertThat(actual.get(sub)).as(sub)
                .containsExactlyInAnyOrderElementsOf(codes));
    }

    @Test
    void usesTwentyTwoCategories() {
        assertThat(CATALOGUE.all().stream().map(KpiDefinition::category).distinct()).hasSize(22);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "EC: ICT: ICT: 1C | Household Internet Access | ICT Infrastructure | PERCENT | true",
        "EC: ICT: PS: 1A | Open Data | Public Sector | PERCENT | false",
        "EC: I: ES: 1C | Electricity System Outage Frequency | Electricity Supply | PER_CUSTOMER_PER_YEAR | true",
        "EC: I: ES: 2C | Electricity System Outage Time | Electricity Supply | MINUTE | true",
        "EC: I: T: 5A | Travel Time Index | Transport | RATIO | false",
        "EN: EN: AQ: 1C | Air Pollution | Air Quality | MICROGRAM_PER_M3 | true",
        "EN: EN: AQ: 2C | GHG Emissions | Air Quality | TONNE_CO2E_PER_CAPITA_PER_YEAR | true",
        "EN: EN: WS: 2C | Water Consumption | Water and Sanitation | LITRE_PER_CAPITA_PER_DAY | true",
        "EN: E: E: 4A | Public Building Energy Consumption | Energy | KWH_PER_M2_PER_YEAR | false",
        "SC: EH: ED: 5A | Electronic Health Records | Health | PERCENT | false",
        "SC: EH: H: 1C | Life Expectancy | Health | YEAR | true",
        "SC: EH: H: 2C | Maternal Mortality Rate | Health | PER_100K_LIVE_BIRTHS | true",
        "SC: SH: SI: 2C | Gini Coefficient | Social Inclusion | RATIO | true",
        "SC: SH: FS: 1A | Local Food Production | Food Security | PERCENT | false",
    })
    void describesSpotCheckedKpis(String code, String name, String category, KpiUnit unit, boolean core) {
        KpiDefinition d = def(code);
        assertThat(d.code().canonical()).isEqualTo(code);
        assertThat(d.name()).isEqualTo(name);
        assertThat(d.category()).isEqualTo(category);
        assertThat(d.unit()).isEqualTo(unit);
        assertThat(d.core()).isEqualTo(core);
    }

    @Test
    void listsKpisOrderedByCode() {
        List<String> codes = CATALOGUE.all().stream().map(d -> d.code().canonical()).toList();
        assertThat(codes).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void cannotBeModifiedThroughItsViews() {
        assertThatThrownBy(() -> CATALOGUE.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> def("EN: EN: AQ: 1C").series().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- data series

    @Test
    void hasExactlyTheSevenMultiValuedKpisWithTheirSeries() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("EC: ICT: ICT: 4C", List.of("3g", "4g"));
        expected.put("EC: ICT: PS: 1A", List.of("percent", "number"));
        expected.put("EC: I: T: 4A", List.of("public", "private", "cycling", "walking", "para"));
        expected.put("EC: I: UP: 2A", List.of("compact", "connected", "integrated", "inclusive", "resilient"));
        expected.put("EN: EN: AQ: 1C", List.of("pm_10", "pm_2.5", "no2", "so2", "o3"));
        expected.put("EN: EN: WS: 4C", List.of("primary", "secondary", "tertiary"));
        expected.put("EN: EN: WA: 1C", List.of("landfill", "burnt", "incinerated", "open_dump", "recycled", "other"));

        Map<String, List<String>> actual = new LinkedHashMap<>();
        CATALOGUE.all().stream().filter(KpiDefinition::multiSeries).forEach(d -> actual.put(d.code().canonical(),
                d.series().stream().map(SeriesDefinition::key).toList()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void givesSingleValuedKpisOneSeriesNamedValue() {
        assertThat(CATALOGUE.all().stream().filter(d -> !d.multiSeries())).hasSize(84).allSatisfy(d -> {
            assertThat(d.series()).hasSize(1);
            assertThat(d.series().get(0).key()).isEqualTo(SeriesDefinition.SINGLE);
            assertThat(d.series().get(0).unit()).isEqualTo(d.unit());
        });
    }

    @Test
    void givesOpenDataAPercentAndACountSeries() {
        KpiDefinition openData = def("EC: ICT: PS: 1A");
        SeriesDefinition percent = openData.series("percent").orElseThrow();
        SeriesDefinition number = openData.series("number").orElseThrow();
        assertThat(percent.unit()).isEqualTo(KpiUnit.PERCENT);
        assertThat(percent.rangeText()).isEqualTo("[0, 100]");
        assertThat(number.unit()).isEqualTo(KpiUnit.COUNT);
        assertThat(number.min()).isEqualByComparingTo("0");
        assertThat(number.max()).isNull();
        assertThat(number.rangeText()).isEqualTo("[0, +inf]");
    }

    @Test
    void hasExactlyTwoBooleanKpis() {
        List<String> booleans = CATALOGUE.all().stream()
                .filter(d -> d.series().stream().anyMatch(s -> s.kind() == ValueKind.BOOLEAN))
                .map(d -> d.code().canonical()).toList();
        assertThat(booleans).containsExactlyInAnyOrder("EC: I: UP: 2A", "SC: SH: SA: 3A");
        for (String code : booleans) {
            KpiDefinition d = def(code);
            assertThat(d.unit()).isEqualTo(KpiUnit.YES_NO);
            assertThat(d.series()).allSatisfy(s -> {
                assertThat(s.kind()).isEqualTo(ValueKind.BOOLEAN);
                assertThat(s.min()).isNull();
                assertThat(s.max()).isNull();
            });
        }
    }

    @Test
    void boundsEveryPercentSeriesByZeroAndHundred() {
        List<SeriesDefinition> percentSeries = CATALOGUE.all().stream().flatMap(d -> d.series().stream())
                .filter(s -> s.unit() == KpiUnit.PERCENT).toList();
        assertThat(percentSeries).isNotEmpty().allSatisfy(s -> {
            assertThat(s.min()).isEqualByComparingTo("0");
            assertThat(s.max()).isEqualByComparingTo("100");
        });
    }

    // ---------------------------------------------------------------- lookup

    @Test
    void looksUpCodesTypedInAnySpacingOrCase() {
        assertThat(CATALOGUE.lookup("sc: eh: ed:1c").name()).isEqualTo("Student ICT Access");
        assertThat(CATALOGUE.lookup(" EN : EN : AQ : 1C ").code().canonical()).isEqualTo("EN: EN: AQ: 1C");
        assertThat(CATALOGUE.find(KpiCode.parse("EC: ICT: ICT: 01C"))).isPresent();
    }

    @Test
    void rejectsWellFormedCodesThatAreNotInTheCatalogue() {
        KpiCode unknown = KpiCode.parse("EC: ICT: ICT: 9C");
        assertThat(CATALOGUE.find(unknown)).isEmpty();
        assertThatThrownBy(() -> CATALOGUE.get(unknown)).isInstanceOf(UnknownKpiCodeException.class)
                .hasMessageContaining("EC: ICT: ICT: 9C");
        assertThatThrownBy(() -> CATALOGUE.lookup("EC: ICT: ICT: 1A")).isInstanceOf(UnknownKpiCodeException.class);
        assertThatThrownBy(() -> CATALOGUE.lookup("not a code")).isInstanceOf(UnknownKpiCodeException.class);
    }

    // ---------------------------------------------------------------- validate

    @Test
    void acceptsValidSingleValuedData() {
        KpiData d = KpiData.single(KpiCode.parse("EC: ICT: ICT: 1C"), KpiUnit.PERCENT, KpiValue.of("97.00"));
        assertThat(CATALOGUE.validate(d).name()).isEqualTo("Household Internet Access");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "EC: ICT: ICT: 1C, 0",
        "EC: ICT: ICT: 1C, 100",
        "EC: ICT: ICT: 1C, 100.000",
        "EC: ICT: ICT: 1C, 0.00",
        "SC: SH: SI: 2C, 1",
        "SC: EH: ED: 3C, 100000",
        "EC: ICT: ICT: 3C, 95424",
        "EC: I: T: 5A, 123456789.123",
    })
    void acceptsValuesOnTheRangeBoundsAndUnboundedAbove(String code, String value) {
        KpiDefinition def = def(code);
        assertThat(CATALOGUE.validate(KpiData.single(def.code(), def.unit(), KpiValue.of(value)))).isEqualTo(def);
    }

    @Test
    void acceptsAValidSubsetOfTheDataSeries() {
        KpiData airQuality = data("EN: EN: AQ: 1C", "ug/m3", Map.of("pm_10", KpiValue.of("12.5"),
                "pm_2.5", KpiValue.of("7.25")));
        assertThat(CATALOGUE.validate(airQuality).code().canonical()).isEqualTo("EN: EN: AQ: 1C");
        KpiData urban = data("EC: I: UP: 2A", "yes/no", Map.of("compact", KpiValue.of(true),
                "resilient", KpiValue.of(false)));
        assertThat(CATALOGUE.validate(urban).code().canonical()).isEqualTo("EC: I: UP: 2A");
    }

    @Test
    void acceptsEverySeriesOfEveryKpiAtItsLowerBound() {
        for (KpiDefinition d : CATALOGUE.all()) {
            Map<String, KpiValue> values = new LinkedHashMap<>();
            for (SeriesDefinition s : d.series()) {
                values.put(s.key(), s.kind() == ValueKind.BOOLEAN ? KpiValue.of(true)
                        : KpiValue.of(s.min() == null ? BigDecimal.ZERO : s.min()));
            }
            assertThat(CATALOGUE.validate(data(d.code().canonical(), d.unit().code(), values))).isEqualTo(d);
        }
    }

    @Test
    void rejectsAUnitOtherThanTheCatalogues() {
        assertViolation(KpiData.single(KpiCode.parse("EC: ICT: ICT: 1C"), KpiUnit.COUNT, KpiValue.of("97")),
                Violation.UNIT_MISMATCH, "'1'");
        assertViolation(data("EN: EN: AQ: 1C", "µg/m³", Map.of("pm_10", KpiValue.of("1"))), Violation.UNIT_MISMATCH,
                "ug/m3");
    }

    @Test
    void rejectsUnknownDataSeries() {
        assertViolation(data("EN: EN: AQ: 1C", "ug/m3", Map.of("pm_10", KpiValue.of("1"), "pm_1", KpiValue.of("1"))),
                Violation.SERIES_MISMATCH, "pm_1");
        assertViolation(KpiData.single(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3, KpiValue.of("1")),
                Violation.SERIES_MISMATCH, "'value'");
        assertViolation(data("EC: ICT: ICT: 1C", "%", Map.of("Value", KpiValue.of("1"))), Violation.SERIES_MISMATCH,
                "Value");
    }

    @Test
    void rejectsValuesOfTheWrongKind() {
        assertViolation(KpiData.single(KpiCode.parse("EC: ICT: ICT: 1C"), KpiUnit.PERCENT, KpiValue.of(true)),
                Violation.VALUE_KIND_MISMATCH, "decimal");
        assertViolation(data("EC: I: UP: 2A", "yes/no", Map.of("compact", KpiValue.of("1"))),
                Violation.VALUE_KIND_MISMATCH, "boolean");
        assertViolation(KpiData.single(KpiCode.parse("SC: SH: SA: 3A"), KpiUnit.YES_NO, KpiValue.of("0")),
                Violation.VALUE_KIND_MISMATCH, "SC: SH: SA: 3A");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "EC: ICT: ICT: 1C, value, 100.01",
        "EC: ICT: ICT: 1C, value, 100.0000000001",
        "EC: ICT: ICT: 1C, value, -0.01",
        "SC: SH: SI: 2C, value, 1.001",
        "SC: EH: H: 1C, value, 151",
        "EC: ICT: ICT: 3C, value, -1",
        "EC: ICT: PS: 1A, percent, 101",
        "EC: ICT: PS: 1A, number, -1",
        "EN: EN: AQ: 1C, pm_2.5, -0.5",
        "EN: EN: WA: 1C, open_dump, 100.5",
    })
    void rejectsValuesOutsideTheSeriesRange(String code, String series, String value) {
        KpiDefinition d = def(code);
        assertViolation(data(code, d.unit().code(), Map.of(series, KpiValue.of(value))), Violation.VALUE_OUT_OF_RANGE,
                value);
    }

    @Test
    void rejectsCodesThatAreNotInTheCatalogue() {
        assertThatThrownBy(() -> CATALOGUE.validate(KpiData.single(KpiCode.parse("EC: ICT: ICT: 9C"), KpiUnit.PERCENT,
                KpiValue.of("1")))).isInstanceOf(UnknownKpiCodeException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.UNKNOWN_KPI_CODE));
    }

    private static void assertViolation(KpiData data, Violation violation, String messagePart) {
        assertThatThrownBy(() -> CATALOGUE.validate(data)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(violation))
                .satisfies(e -> assertThat(((ValidationException) e).reasonCode()).isEqualTo(violation.name()))
                .hasMessageContaining(messagePart);
    }

    // ---------------------------------------------------------------- read

    private static final String HEADER = "code,dimension,sub_dimension,category,name,unit,type,kind,series,min,max\n";
    private static final String GOOD_ROW = "EC: ICT: ICT: 1C,Economy,ICT,ICT Infrastructure,Household Internet Access,%,"
            + "CORE,DECIMAL,value,0,100\n";

    private static KpiCatalogue read(String csv) throws IOException {
        return KpiCatalogue.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsCommentsBlankLinesQuotedFieldsAndPerSeriesUnits() throws IOException {
        KpiCatalogue c = read("# comment\n\n" + HEADER + GOOD_ROW
                + "SC: EH: ED: 1C,Society,\"Education, Health and Culture\",Education,\"The \"\"quoted\"\" KPI\",%,"
                + "ADVANCED,DECIMAL,a|b:1:0:|c:/100k inh:-5:5,0,100\n");
        assertThat(c.size()).isEqualTo(2);
        KpiDefinition d = c.lookup("SC: EH: ED: 1C");
        assertThat(d.subDimension()).isEqualTo("Education, Health and Culture");
        assertThat(d.name()).isEqualTo("The \"quoted\" KPI");
        assertThat(d.core()).isFalse();
        assertThat(d.series()).extracting(SeriesDefinition::key).containsExactly("a", "b", "c");
        assertThat(d.series("a").orElseThrow().rangeText()).isEqualTo("[0, 100]");
        assertThat(d.series("b").orElseThrow().unit()).isEqualTo(KpiUnit.COUNT);
        assertThat(d.series("b").orElseThrow().rangeText()).isEqualTo("[0, +inf]");
        assertThat(d.series("c").orElseThrow().unit()).isEqualTo(KpiUnit.PER_100K_INHABITANTS);
        assertThat(d.series("c").orElseThrow().min()).isEqualByComparingTo(new BigDecimal("-5"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "too few fields | EC: ICT: ICT: 2C,Economy,ICT,ICT Infrastructure,Fixed,%,CORE,DECIMAL,value,0 | expected 11 fields",
        "unknown unit | EC: ICT: ICT: 2C,Economy,ICT,ICT Infrastructure,Fixed,furlongs,CORE,DECIMAL,value,0,100 | furlongs",
        "bad type | EC: ICT: ICT: 2C,Economy,ICT,ICT Infrastructure,Fixed,%,BASIC,DECIMAL,value,0,100 | CORE or ADVANCED",
        "bad kind | EC: ICT: ICT: 2C,Economy,ICT,ICT Infrastructure,Fixed,%,CORE,NUMBER,value,0,100 | NUMBER",
        "non-canonical code | EC:ICT:ICT:2C,Economy,ICT,ICT Infrastructure,Fixed,%,CORE,DECIMAL,value,0,100 | not canonical",
        "garbage code | XX-1,Economy,ICT,ICT Infrastructure,Fixed,%,CORE,DECIMAL,value,0,100 | XX-1",
        "bad series entry | EC: ICT: ICT: 2C,Economy,ICT,ICT Infrastructure,Fixed,%,CORE,DECIMAL,a:%,0,100 | bad series entry",
        "bad decimal | EC: ICT: ICT: 2C,Economy,ICT,ICT Infrastructure,Fixed,%,CORE,DECIMAL,value,zero,100 | line 4",
        "min above max | EC: ICT: ICT: 2C,Economy,ICT,ICT Infrastructure,Fixed,%,CORE,DECIMAL,value,100,0 | min > max",
        "duplicate code | EC: ICT: ICT: 1C,Economy,ICT,ICT Infrastructure,Again,%,CORE,DECIMAL,value,0,100 | duplicate code",
    })
    void rejectsMalformedRowsNamingTheLine(String what, String row, String messagePart) {
        // line 1 comment, line 2 header, line 3 good row, line 4 the bad row
        assertThatThrownBy(() -> read("# catalogue\n" + HEADER + GOOD_ROW + row + "\n"))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 4: ")
                .hasMessageContaining(messagePart);
    }

    private static final String UNTERMINATED_QUOTE_ROW =
            "EC: ICT: ICT: 2C,\"Economy,ICT,ICT Infrastructure,Fixed,%,CORE,DECIMAL,value,0,100\n";

    @Test
    void rejectsARowWithAnUnterminatedQuote() {
        assertThatThrownBy(() -> read(HEADER + GOOD_ROW + UNTERMINATED_QUOTE_ROW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated quote");
    }

    @Test
    void namesTheLineOfAnUnterminatedQuote() {
        assertThatThrownBy(() -> read(HEADER + GOOD_ROW + UNTERMINATED_QUOTE_ROW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 3: ");
    }

    @Test
    void rejectsAnUnexpectedHeaderNamingTheLine() {
        assertThatThrownBy(() -> read("\n# x\ncode,dimension,name\n" + GOOD_ROW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 3: unexpected header");
    }

    @Test
    void readsTheBundledResourceWithoutError() throws IOException {
        try (var in = KpiCatalogue.class.getResourceAsStream(KpiCatalogue.U4SSC_RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(KpiCatalogue.read(in).size()).isEqualTo(91);
        }
    }
}
