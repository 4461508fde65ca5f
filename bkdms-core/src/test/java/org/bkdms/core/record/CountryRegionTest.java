package org.bkdms.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryRegionTest {

    @ParameterizedTest(name = "{0} = {1} {2}")
    @CsvSource({
        "578, NO, 578, Norway",
        "156, CN, 156, China",
        "8, AL, 008, Albania",
        "840, US, 840, United States",
        "826, GB, 826, United Kingdom",
        "250, FR, 250, France",
        "20, AD, 020, Andorra",
        "894, ZM, 894, Zambia",
    })
    void knowsOfficiallyAssignedNumericCodes(int numeric, String alpha2, String text, String name) {
        CountryRegion c = CountryRegion.of(numeric);
        assertThat(c.numeric()).isEqualTo(numeric);
        assertThat(c.alpha2()).isEqualTo(alpha2);
        assertThat(c).hasToString(text);
        assertThat(c.name()).startsWith(name);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
        "578, 578",
        "008, 8",
        "8, 8",
        "08, 8",
        "NO, 578",
        "no, 578",
        "NOR, 578",
        "nor, 578",
        "CN, 156",
        "CHN, 156",
        "' AL ', 8",
        "ALB, 8",
        "GB, 826",
        "GBR, 826",
        "' 156 ', 156",
    })
    void parsesNumericAlpha2AndAlpha3Codes(String text, int numeric) {
        assertThat(CountryRegion.parse(text)).isEqualTo(CountryRegion.of(numeric));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1, 900, 736, 891, 530, -1, 1000})
    void rejectsNumericCodesThatAreNotOfficiallyAssigned(int numeric) {
        // 736 (old Sudan) is deleted, 891 (CS) and 530 (AN) are only transitionally reserved
        assertThatThrownBy(() -> CountryRegion.of(numeric)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.UNKNOWN_COUNTRY));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "000", "999", "0", "XK", "XKX", "UK", "EU", "FX", "SU", "YU", "AN", "XA", "ZZ", "AA", "QM",
        "N", "NORW", "N0", "1234", "", " ", "+578", "-8", "5 78", "Norway",
    })
    void rejectsUserAssignedReservedAndMalformedText(String text) {
        assertThatThrownBy(() -> CountryRegion.parse(text)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.UNKNOWN_COUNTRY));
    }

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> CountryRegion.parse(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void comparesByNumericCode() {
        assertThat(CountryRegion.parse("NOR")).isEqualTo(new CountryRegion(578)).hasSameHashCodeAs(new CountryRegion(578));
        assertThat(CountryRegion.of(578)).isNotEqualTo(CountryRegion.of(752));
    }
}
