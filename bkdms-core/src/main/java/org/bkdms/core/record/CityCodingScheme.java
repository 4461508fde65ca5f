package org.bkdms.core.record;

import java.util.Set;
import java.util.regex.Pattern;
import org.bkdms.core.error.UnknownCitySchemeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The coding schemes in which the "City" part of a unified KPI record may be given. Each scheme
 * checks the code's shape and that it belongs to the record's country/region.
 */
public enum CityCodingScheme {
    /** UN/LOCODE: ISO 3166-1 alpha-2 of the country followed by three letters or digits 2-9. */
    UN_LOCODE(1, "UNLOCODE", 0) {
        private final Pattern shape = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");

        @Override
        void check(String code, CountryRegion country) {
            require(shape.matcher(code).matches(), code, "five characters, country prefix then [A-Z2-9]{3}");
            require(code.startsWith(country.alpha2()), code, "a prefix equal to the country's alpha-2 code "
                    + country.alpha2());
        }
    },
    /** China GB/T 2260 administrative division code: six digits, province first. */
    CN_GBT_2260(2, "CN-GBT2260", 156) {
        private final Pattern shape = Pattern.compile("[1-8][0-9]{5}");
        private final Set<String> provinces = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
                "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
                "63", "64", "65", "71", "81", "82");

        @Override
        void check(String code, CountryRegion country) {
            require(shape.matcher(code).matches(), code, "six digits");
            require(provinces.contains(code.substring(0, 2)), code, "a known province prefix");
        }
    },
    /** Norway municipality number (kommunenummer): county number then municipality, four digits. */
    NO_KOMMUNENUMMER(3, "NO-KOMMUNENUMMER", 578) {
        private final Pattern shape = Pattern.compile("[0-9]{4}");
        // counties before the 2020 reform, of 2020-2023 and from 2024, plus Svalbard and Jan Mayen
        private final Set<String> counties = Set.of("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
                "12", "14", "15", "16", "17", "18", "19", "20", "21", "22", "30", "31", "32", "33", "34", "38", "39",
                "40", "42", "46", "50", "54", "55", "56");

        @Override
        void check(String code, CountryRegion country) {
            require(shape.matcher(code).matches(), code, "four digits");
            require(counties.contains(code.substring(0, 2)), code, "a known county prefix");
            require(!code.endsWith("00") || code.equals("0301"), code, "a municipality part other than 00");
        }
    },
    /** United States FIPS 55 / ANSI INCITS 31 place code: state FIPS then place, seven digits. */
    US_FIPS_55(4, "US-FIPS55", 840) {
        private final Pattern shape = Pattern.compile("[0-9]{7}");
        private final Set<String> states = Set.of("01", "02", "04", "05", "06", "08", "09", "10", "11", "12", "13",
                "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
                "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "44", "45", "46", "47", "48", "49",
                "50", "51", "53", "54", "55", "56", "60", "66", "69", "72", "78");

        @Override
        void check(String code, CountryRegion country) {
            require(shape.matcher(code).matches(), code, "seven digits");
            require(states.contains(code.substring(0, 2)), code, "a known state FIPS prefix");
        }
    };

    private final int id;
    private final String label;
    private final int country;

    CityCodingScheme(int id, String label, int country) {
        this.id = id;
        this.label = label;
        this.country = country;
    }

    /** @return the ENUMERATED value used in the DER encoding */
    public int id() {
        return id;
    }

    /** @return the name used in JSON and on the command line, such as {@code CN-GBT2260} */
    public String label() {
        return label;
    }

    /**
     * Checks that a code is valid in this scheme and belongs to the country.
     *
     * @param code the city code
     * @param countryRegion the record's country/region
     * @throws ValidationException with {@link Violation#INVALID_CITY_CODE} if not
     */
    public void validate(String code, CountryRegion countryRegion) {
        if (country != 0 && countryRegion.numeric() != country) {
            throw new ValidationException(Violation.INVALID_CITY_CODE, label + " codes are only valid for country "
                    + country + ", not " + countryRegion);
        }
        check(code, countryRegion);
    }

    abstract void check(String code, CountryRegion country);

    void require(boolean ok, String code, String what) {
        if (!ok) {
            throw new ValidationException(Violation.INVALID_CITY_CODE, "city code '" + code + "' is not a valid "
                    + label + " code: expected " + what);
        }
    }

    /**
     * @param id ENUMERATED value
     * @return the scheme
     * @throws UnknownCitySchemeException if no scheme has that value
     */
    public static CityCodingScheme ofId(int id) {
        for (CityCodingScheme s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        throw new UnknownCitySchemeException("#" + id);
    }

    /**
     * @param label scheme name, case-insensitive, such as {@code unlocode}
     * @return the scheme
     * @throws UnknownCitySchemeException if no scheme has that name
     */
    public static CityCodingScheme ofLabel(String label) {
        for (CityCodingScheme s : values()) {
            if (s.label.equalsIgnoreCase(label) || s.name().equalsIgnoreCase(label)) {
                return s;
            }
        }
        throw new UnknownCitySchemeException(label);
    }
}
