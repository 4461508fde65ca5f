package org.bkdms.site.computing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.KpiUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class UnitRegistryTest {
    private final UnitRegistry units = new UnitRegistry();

    @ParameterizedTest
    @EnumSource(value = KpiUnit.class, mode = EnumSource.Mode.EXCLUDE, names = "YES_NO")
    void everyCatalogueUnitIsUnderstoodAndConvertsToItselfUnchanged(KpiUnit unit) {
        assertThat(units.of(unit)).isNotNull();
        assertThat(units.convert(new BigDecimal("12.345"), unit.code(), unit)).isEqualByComparingTo("12.345");
    }

    /** One other notation per catalogue unit: unit; value; notation; value expected in the catalogue's unit. */
    private static final List<String> OTHER_NOTATIONS = List.of(
        "PERCENT; 0.25; 1; 25",
        "PERCENT; 5; ‰; 0.5",
        "COUNT; 3; count; 3",
        "RATIO; 50; %; 0.5",
        "PER_100K_INHABITANTS; 0.002; /capita; 200",
        "PER_100K_INHABITANTS; 3; /1000 inh; 300",
        "PER_100K_INHABITANTS_PER_YEAR; 1; /100k inh/month; 12",
        "PER_100K_LIVE_BIRTHS; 0.5; /1000 live births; 50",
        "PER_CUSTOMER_PER_YEAR; 0.25; /customer/month; 3",
        "MINUTE; 2; h; 120",
        "YEAR; 24; month; 2",
        "KM_PER_100K_INHABITANTS; 2500; m/1000 inh; 250",
        "HECTARE_PER_100K_INHABITANTS; 10; m2/capita; 100",
        "M2_PER_100K_INHABITANTS; 0.001; ha/100k inh; 10",
        "MICROGRAM_PER_M3; 0.021; mg/m3; 21",
        "TONNE_CO2E_PER_CAPITA_PER_YEAR; 3100; kg CO2e/capita/a; 3.1",
        "KWH_PER_CAPITA_PER_YEAR; 7.9; MWh/capita/a; 7900",
        "GJ_PER_CAPITA_PER_YEAR; 0.071; TJ/capita/a; 71",
        "KWH_PER_M2_PER_YEAR; 3.6; MJ/m2/a; 1",
        "LITRE_PER_CAPITA_PER_DAY; 7; m3/capita/week; 1000"
    );

    static Stream<Arguments> otherNotations() {
        return OTHER_NOTATIONS.stream().map(r -> r.split(";")).map(f -> Arguments.of(KpiUnit.valueOf(f[0].strip()),
                f[1].strip(), f[2].strip(), f[3].strip()));
    }

    @ParameterizedTest(name = "{1} {2} = {3} {0}")
    @MethodSource("otherNotations")
    void otherNotationsConvertIntoTheCatalogueUnit(KpiUnit unit, String value, String from, String expected) {
        assertThat(units.convert(new BigDecimal(value), from, unit)).isEqualByComparingTo(expected);
    }

    @Test
    void theTableCoversEveryQuantityUnitOfTheCatalogue() {
        Set<KpiUnit> tested = otherNotations().map(a -> (KpiUnit) a.get()[0]).collect(Collectors.toSet());
        Set<KpiUnit> quantities = EnumSet.allOf(KpiUnit.class);
        quantities.remove(KpiUnit.YES_NO);
        assertThat(tested).containsAll(quantities);
        assertThat(KpiCatalogue.u4ssc().all()).extracting(KpiDefinition::unit).allMatch(u -> u == KpiUnit.YES_NO
                || tested.contains(u));
    }

    @Test
    void aMonthlyPerCapitaVolumeBecomesLitresPerDay() {
        // Indriya's month is a twelfth of its year of 365.2425 days
        assertThat(units.convert(new BigDecimal("5.022084375"), "m3/capita/month", KpiUnit.LITRE_PER_CAPITA_PER_DAY).doubleValue())
                .isCloseTo(165.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void unitsOfAnotherQuantityAreRefused() {
        assertThatThrownBy(() -> units.convert(BigDecimal.ONE, "kg", KpiUnit.LITRE_PER_CAPITA_PER_DAY))
                .isInstanceOf(UnitException.class).hasMessageContaining("different things");
        assertThatThrownBy(() -> units.convert(BigDecimal.ONE, "1", KpiUnit.PER_100K_INHABITANTS))
                .isInstanceOf(UnitException.class);
        assertThatThrownBy(() -> units.convert(BigDecimal.ONE, "/customer", KpiUnit.PER_100K_INHABITANTS))
                .isInstanceOf(UnitException.class);
    }

    @Test
    void unknownSymbolsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> units.convert(BigDecimal.ONE, "furlong/fortnight", KpiUnit.MINUTE))
                .isInstanceOf(UnitException.class).hasMessageContaining("furlong");
    }
}
