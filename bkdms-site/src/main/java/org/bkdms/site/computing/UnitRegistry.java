package org.bkdms.site.computing;

import static javax.measure.MetricPrefix.GIGA;
import static javax.measure.MetricPrefix.KILO;
import static javax.measure.MetricPrefix.MEGA;
import static javax.measure.MetricPrefix.MICRO;
import static javax.measure.MetricPrefix.MILLI;
import static javax.measure.MetricPrefix.TERA;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.measure.IncommensurableException;
import javax.measure.UnconvertibleException;
import javax.measure.Unit;
import javax.measure.UnitConverter;
import javax.measure.quantity.Dimensionless;
import org.bkdms.core.kpi.KpiUnit;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.function.RationalNumber;
import tech.units.indriya.unit.BaseUnit;
import tech.units.indriya.unit.UnitDimension;
import tech.units.indriya.unit.Units;

/**
 * Converts values from the units sources report in to the catalogue's units, through JSR 385
 * (Indriya): no conversion factor is written here, only which JSR 385 unit each symbol names.
 *
 * <p>Unit text is a chain of parts separated by {@code /}: the first part is the numerator
 * ({@code 1} or empty for a count), each further part a divisor, and any part may start with a
 * count such as {@code 100k} or {@code 1000} ({@code /100k inh} is "per 100 000 inhabitants").
 * Inhabitants ({@code inh}, {@code capita}), customers and live births are base units of their
 * own, so per-capita and per-100k figures convert into each other but never into a plain count.
 * The annotation {@code CO2e} after a mass is dropped. Immutable and thread-safe.
 */
public final class UnitRegistry {
    private static final Unit<Dimensionless> INHABITANT = new BaseUnit<>("inh", UnitDimension.parse('P'));
    private static final Unit<Dimensionless> CUSTOMER = new BaseUnit<>("customer", UnitDimension.parse('C'));
    private static final Unit<Dimensionless> LIVE_BIRTH = new BaseUnit<>("live birth", UnitDimension.parse('B'));
    /** Significant digits kept when a conversion does not terminate (such as a third). */
    private static final MathContext PRECISION = new MathContext(15);

    private final Map<String, Unit<?>> atoms = new LinkedHashMap<>();
    private final Map<KpiUnit, Unit<?>> catalogue = new EnumMap<>(KpiUnit.class);
    private final Map<String, Unit<?>> parsed = new ConcurrentHashMap<>();

    /** Creates the registry of the symbols BKDMS understands. */
    public UnitRegistry() {
        atom(AbstractUnit.ONE, "1", "", "count", "ratio");
        atom(Units.PERCENT, "%", "percent", "pct");
        atom(MILLI(AbstractUnit.ONE), "‰", "permille");
        atom(INHABITANT, "inh", "inhabitant", "inhabitants", "capita", "person", "persons");
        atom(CUSTOMER, "customer", "customers");
        atom(LIVE_BIRTH, "live births", "live birth", "births");
        atom(Units.SECOND, "s", "sec");
        atom(Units.MINUTE, "min");
        atom(Units.HOUR, "h", "hr");
        atom(Units.DAY, "d", "day");
        atom(Units.WEEK, "week", "wk");
        atom(Units.MONTH, "month", "mo");
        atom(Units.YEAR, "a", "year", "yr");
        atom(Units.METRE, "m");
        atom(KILO(Units.METRE), "km");
        atom(Units.SQUARE_METRE, "m2", "m²");
        atom(KILO(Units.METRE).pow(2), "km2", "km²");
        atom(Units.SQUARE_METRE.multiply(10_000), "ha");
        atom(Units.CUBIC_METRE, "m3", "m³");
        atom(Units.LITRE, "L", "l", "litre", "liter");
        atom(Units.GRAM, "g");
        atom(MICRO(Units.GRAM), "ug", "µg", "μg");
        atom(MILLI(Units.GRAM), "mg");
        atom(Units.KILOGRAM, "kg");
        atom(MEGA(Units.GRAM), "t", "tonne");
        atom(Units.JOULE, "J");
        atom(MEGA(Units.JOULE), "MJ");
        atom(GIGA(Units.JOULE), "GJ");
        atom(TERA(Units.JOULE), "TJ");
        atom(Units.WATT.multiply(Units.HOUR), "Wh");
        atom(KILO(Units.WATT).multiply(Units.HOUR), "kWh");
        atom(MEGA(Units.WATT).multiply(Units.HOUR), "MWh");
        atom(GIGA(Units.WATT).multiply(Units.HOUR), "GWh");
        for (KpiUnit u : KpiUnit.values()) {
            if (u != KpiUnit.YES_NO) {
                catalogue.put(u, parse(u.code()));
            }
        }
    }

    private void atom(Unit<?> unit, String... symbols) {
        for (String s : symbols) {
            atoms.put(s, unit);
        }
    }

    /**
     * @param kpiUnit a catalogue unit other than yes/no
     * @return the JSR 385 unit it denotes
     */
    public Unit<?> of(KpiUnit kpiUnit) {
        Unit<?> u = catalogue.get(kpiUnit);
        if (u == null) {
            throw new IllegalArgumentException(kpiUnit + " is not a quantity");
        }
        return u;
    }

    /**
     * @param text unit text as a source writes it, such as {@code mg/m3} or {@code m3/capita/a}
     * @return the JSR 385 unit
     * @throws UnitException if a part is not understood
     */
    public Unit<?> parse(String text) {
        Objects.requireNonNull(text, "text");
        return parsed.computeIfAbsent(text.strip(), this::parseUncached);
    }

    private Unit<?> parseUncached(String text) {
        String[] parts = text.split("/", -1);
        Unit<?> unit = part(parts[0], text);
        for (int i = 1; i < parts.length; i++) {
            unit = unit.divide(part(parts[i], text));
        }
        return unit;
    }

    private Unit<?> part(String raw, String whole) {
        String p = raw.strip().replace(" CO2e", "").replace("CO2e", "").strip();
        BigInteger count = BigInteger.ONE;
        int i = 0;
        while (i < p.length() && Character.isDigit(p.charAt(i))) {
            i++;
        }
        if (i > 0) {
            count = new BigInteger(p.substring(0, i));
            String rest = p.substring(i);
            if (rest.startsWith("k ") || rest.equals("k")) {
                count = count.multiply(BigInteger.valueOf(1000));
                rest = rest.substring(1);
            }
            p = rest.strip();
        }
        Unit<?> atom = atoms.get(p);
        if (atom == null) {
            atom = atoms.get(p.toLowerCase(Locale.ROOT));
        }
        if (atom == null) {
            throw new UnitException("unknown unit '" + raw.strip() + "' in '" + whole + "'");
        }
        return count.equals(BigInteger.ONE) ? atom : atom.multiply(count);
    }

    /**
     * Converts a value into a catalogue unit.
     *
     * @param value the value
     * @param from the unit it is given in
     * @param to the catalogue's unit
     * @return the value in {@code to}, exact where the conversion terminates, else to 15 digits
     * @throws UnitException if the units measure different things
     */
    public BigDecimal convert(BigDecimal value, String from, KpiUnit to) {
        Unit<?> source = parse(from);
        Unit<?> target = of(to);
        if (source.equals(target)) {
            return value;
        }
        UnitConverter c;
        try {
            c = source.getConverterToAny(target);
        } catch (IncommensurableException | UnconvertibleException e) {
            throw new UnitException("cannot convert '" + from + "' to '" + to.code() + "': they measure different things");
        }
        return toBigDecimal(c.convert(value));
    }

    private static BigDecimal toBigDecimal(Number n) {
        BigDecimal d;
        if (n instanceof BigDecimal b) {
            d = b;
        } else if (n instanceof RationalNumber r) {
            d = new BigDecimal(r.getDividend()).divide(new BigDecimal(r.getDivisor()), PRECISION);
        } else if (n instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (n instanceof Long || n instanceof Integer) {
            d = BigDecimal.valueOf(n.longValue());
        } else {
            d = new BigDecimal(n.toString());
        }
        d = d.round(PRECISION).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
