package org.bkdms.core.record;

import com.neovisionaries.i18n.CountryCode;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The "Country/region" part of a unified KPI record: an officially assigned ISO 3166-1 numeric
 * code, such as 578 for Norway. Codes are checked against the maintained ISO list of the nv-i18n
 * library; reserved and user-assigned codes are refused.
 *
 * @param numeric the ISO 3166-1 numeric code
 */
public record CountryRegion(int numeric) {

    /**
     * Checks and normalizes the parts.
     *
     * @param numeric see {@link #numeric()}
     */
    public CountryRegion {
        lookup(numeric);
    }

    /**
     * @param numeric ISO 3166-1 numeric code
     * @return the country or region
     * @throws ValidationException if the code is not officially assigned
     */
    public static CountryRegion of(int numeric) {
        return new CountryRegion(numeric);
    }

    /**
     * @param text a numeric code ({@code 578}, {@code "008"}) or an alpha-2 / alpha-3 code ({@code NO}, {@code NOR})
     * @return the country or region
     * @throws ValidationException if the text names no officially assigned code
     */
    public static CountryRegion parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.matches("[0-9]{1,3}")) {
            return new CountryRegion(Integer.parseInt(t));
        }
        CountryCode cc = t.matches("[A-Za-z]{2,3}") ? CountryCode.getByCodeIgnoreCase(t) : null;
        if (cc == null || cc.getAssignment() != CountryCode.Assignment.OFFICIALLY_ASSIGNED || cc.getNumeric() < 0) {
            throw new ValidationException(Violation.UNKNOWN_COUNTRY, "unknown ISO 3166-1 country/region '" + text + "'");
        }
        return new CountryRegion(cc.getNumeric());
    }

    private static CountryCode lookup(int numeric) {
        CountryCode cc = CountryCode.getByCode(numeric);
        if (cc == null || cc.getAssignment() != CountryCode.Assignment.OFFICIALLY_ASSIGNED) {
            throw new ValidationException(Violation.UNKNOWN_COUNTRY,
                    "country/region " + numeric + " is not an officially assigned ISO 3166-1 numeric code");
        }
        return cc;
    }

    /** @return the ISO 3166-1 alpha-2 code, such as {@code NO} */
    public String alpha2() {
        return lookup(numeric).getAlpha2();
    }

    /** @return the English name */
    public String name() {
        return lookup(numeric).getName();
    }

    /** @return the code as three digits, such as {@code 008} */
    @Override
    public String toString() {
        return String.format("%03d", numeric);
    }
}
