package org.bkdms.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.bkdms.core.error.UnknownCitySchemeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CityCodingSchemeTest {

    @ParameterizedTest(name = "{0} {1} valid for {2}")
    @CsvSource({
        "UNLOCODE, NOTRD, 578",
        "UNLOCODE, NOOSL, 578",
        "UNLOCODE, CNSHA, 156",
        "UNLOCODE, USNYC, 840",
        "UNLOCODE, ALTIA, 8",
        "UNLOCODE, NO2Z9, 578",
        "CN-GBT2260, 330100, 156",
        "CN-GBT2260, 110000, 156",
        "CN-GBT2260, 440300, 156",
        "CN-GBT2260, 820000, 156",
        "NO-KOMMUNENUMMER, 5001, 578",
        "NO-KOMMUNENUMMER, 0301, 578",
        "NO-KOMMUNENUMMER, 1149, 578",
        "NO-KOMMUNENUMMER, 1507, 578",
        "US-FIPS55, 3651000, 840",
        "US-FIPS55, 1714000, 840",
        "US-FIPS55, 0644000, 840",
    })
    void acceptsValidCodesForTheirCountry(String scheme, String code, int country) {
        assertThatCode(() -> CityCodingScheme.ofLabel(scheme).validate(code, CountryRegion.of(country)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} {1} invalid for {2}")
    @CsvSource({
        "UNLOCODE, NOTRD, 156",        // prefix is not the country's alpha-2
        "UNLOCODE, CNSHA, 578",
        "UNLOCODE, notrd, 578",        // lower case
        "UNLOCODE, NoTRD, 578",
        "UNLOCODE, NOTR1, 578",        // digit 1 is not used in UN/LOCODE
        "UNLOCODE, NOTR0, 578",        // nor is 0
        "UNLOCODE, NOTRDX, 578",       // six characters
        "UNLOCODE, NOTR, 578",         // four characters
        "UNLOCODE, 'NO TRD', 578",
        "UNLOCODE, NO-TR, 578",
        "CN-GBT2260, 990000, 156",     // no province starts with 9
        "CN-GBT2260, 190000, 156",     // shape fine but 19 is no province
        "CN-GBT2260, 33010, 156",
        "CN-GBT2260, 3301000, 156",
        "CN-GBT2260, 33O100, 156",
        "CN-GBT2260, 330100, 578",     // only valid for China
        "CN-GBT2260, 330100, 840",
        "NO-KOMMUNENUMMER, 9901, 578", // county 99 does not exist
        "NO-KOMMUNENUMMER, 5000, 578", // municipality part 00
        "NO-KOMMUNENUMMER, 501, 578",
        "NO-KOMMUNENUMMER, 50011, 578",
        "NO-KOMMUNENUMMER, 5001, 156", // only valid for Norway
        "US-FIPS55, 0344000, 840",     // 03 is no state FIPS code
        "US-FIPS55, 365100, 840",
        "US-FIPS55, 3651000, 578",     // only valid for the United States
    })
    void rejectsInvalidCodesWithInvalidCityCode(String scheme, String code, int country) {
        assertThatThrownBy(() -> CityCodingScheme.ofLabel(scheme).validate(code, CountryRegion.of(country)))
                .isInstanceOf(ValidationException.class)
                .isNotInstanceOf(UnknownCitySchemeException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.INVALID_CITY_CODE));
    }

    @Test
    void namesTheCountryWhenASchemeIsUsedForAnotherCountry() {
        assertThatThrownBy(() -> CityCodingScheme.CN_GBT_2260.validate("330100", CountryRegion.of(578)))
                .hasMessageContaining("156").hasMessageContaining("578");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "UNLOCODE, UN_LOCODE",
        "unlocode, UN_LOCODE",
        "UN_LOCODE, UN_LOCODE",
        "cn-gbt2260, CN_GBT_2260",
        "CN_GBT_2260, CN_GBT_2260",
        "NO-KOMMUNENUMMER, NO_KOMMUNENUMMER",
        "no-kommunenummer, NO_KOMMUNENUMMER",
        "US-FIPS55, US_FIPS_55",
    })
    void findsSchemesByLabelOrNameIgnoringCase(String label, CityCodingScheme scheme) {
        assertThat(CityCodingScheme.ofLabel(label)).isEqualTo(scheme);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GEONAMES", "UN-LOCODE", "FIPS", "NUTS", " UNLOCODE"})
    void rejectsUnknownSchemeLabels(String label) {
        assertThatThrownBy(() -> CityCodingScheme.ofLabel(label)).isInstanceOf(UnknownCitySchemeException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.UNKNOWN_CITY_SCHEME))
                .hasMessageContaining(label);
    }

    @Test
    void mapsEncodingIdsToSchemes() {
        assertThat(CityCodingScheme.ofId(1)).isEqualTo(CityCodingScheme.UN_LOCODE);
        assertThat(CityCodingScheme.ofId(2)).isEqualTo(CityCodingScheme.CN_GBT_2260);
        assertThat(CityCodingScheme.ofId(3)).isEqualTo(CityCodingScheme.NO_KOMMUNENUMMER);
        assertThat(CityCodingScheme.ofId(4)).isEqualTo(CityCodingScheme.US_FIPS_55);
        for (CityCodingScheme s : CityCodingScheme.values()) {
            assertThat(CityCodingScheme.ofId(s.id())).isEqualTo(s);
            assertThat(CityCodingScheme.ofLabel(s.label())).isEqualTo(s);
        }
        assertThat(Arrays.stream(CityCodingScheme.values()).map(CityCodingScheme::id)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 99, 255, -1})
    void rejectsUnknownEncodingIds(int id) {
        assertThatThrownBy(() -> CityCodingScheme.ofId(id)).isInstanceOf(UnknownCitySchemeException.class)
                .hasMessageContaining("#" + id);
    }

    @Test
    void printsCitiesAsSchemeLabelAndCode() {
        assertThat(new City(CityCodingScheme.UN_LOCODE, "NOTRD")).hasToString("UNLOCODE:NOTRD");
        assertThat(new City(CityCodingScheme.CN_GBT_2260, "330100")).hasToString("CN-GBT2260:330100");
    }
}
