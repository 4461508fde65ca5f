package org.bkdms.core.kpi;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The units in which U4SSC KPIs are reported. The {@link #code()} travels in every unified KPI
 * record so that a reader can refuse a value given in a unit other than the catalogue's.
 */
public enum KpiUnit {
    /** Percent. */
    PERCENT("%"),
    /** A plain count. */
    COUNT("1"),
    /** A dimensionless ratio or coefficient. */
    RATIO("ratio"),
    /** Number per 100 000 inhabitants. */
    PER_100K_INHABITANTS("/100k inh"),
    /** Number per 100 000 inhabitants per year. */
    PER_100K_INHABITANTS_PER_YEAR("/100k inh/a"),
    /** Number per 100 000 live births. */
    PER_100K_LIVE_BIRTHS("/100k live births"),
    /** Number per customer per year. */
    PER_CUSTOMER_PER_YEAR("/customer/a"),
    /** Minutes. */
    MINUTE("min"),
    /** Years. */
    YEAR("a"),
    /** Kilometres per 100 000 inhabitants. */
    KM_PER_100K_INHABITANTS("km/100k inh"),
    /** Hectares per 100 000 inhabitants. */
    HECTARE_PER_100K_INHABITANTS("ha/100k inh"),
    /** Square metres per 100 000 inhabitants. */
    M2_PER_100K_INHABITANTS("m2/100k inh"),
    /** Micrograms per cubic metre. */
    MICROGRAM_PER_M3("ug/m3"),
    /** Tonnes of CO2 equivalent per capita per year. */
    TONNE_CO2E_PER_CAPITA_PER_YEAR("t CO2e/capita/a"),
    /** Kilowatt hours per capita per year. */
    KWH_PER_CAPITA_PER_YEAR("kWh/capita/a"),
    /** Gigajoules per capita per year. */
    GJ_PER_CAPITA_PER_YEAR("GJ/capita/a"),
    /** Equivalent kilowatt hours per square metre per year. */
    KWH_PER_M2_PER_YEAR("kWh/m2/a"),
    /** Litres per capita per day. */
    LITRE_PER_CAPITA_PER_DAY("L/capita/d"),
    /** Yes or no. */
    YES_NO("yes/no");

    private static final Map<String, KpiUnit> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(KpiUnit::code, Function.identity()));

    private final String code;

    KpiUnit(String code) {
        this.code = code;
    }

    /** @return the short code written in records, such as {@code ug/m3} */
    public String code() {
        return code;
    }

    /**
     * @param code a unit code
     * @return the unit
     * @throws ValidationException if no unit has that code
     */
    public static KpiUnit ofCode(String code) {
        KpiUnit unit = BY_CODE.get(code);
        if (unit == null) {
            throw new ValidationException(Violation.UNIT_MISMATCH, "unknown unit code '" + code + "'");
        }
        return unit;
    }
}
