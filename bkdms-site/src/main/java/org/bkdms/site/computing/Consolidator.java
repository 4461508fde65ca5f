package org.bkdms.site.computing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.bkdms.site.storage.PeriodAggregate;

/** The functions that consolidate a period's values into the one value a record reports. */
public final class Consolidator {
    private static final MathContext PRECISION = new MathContext(15);
    private static final BigDecimal HUNDRED_THOUSAND = BigDecimal.valueOf(100_000);

    private Consolidator() {
    }

    /** A consolidation function. */
    public enum Function {
        /** The sum of the values. */
        SUM,
        /** The arithmetic mean. */
        MEAN,
        /** The value with the latest time. */
        LAST,
        /** The smallest value. */
        MIN,
        /** The largest value. */
        MAX,
        /** The sum per 100 000 inhabitants. */
        RATE_PER_100K;

        /**
         * @param name the function's name as written in a mapping; {@code null} means mean
         * @return the function
         * @throws MappingException if there is none of that name
         */
        public static Function parse(String name) {
            if (name == null) {
                return MEAN;
            }
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MappingException("unknown consolidation function '" + name
                        + "'; use sum, mean, last, min, max or rate_per_100k");
            }
        }
    }

    /**
     * @param f the function
     * @param a a period's aggregate
     * @param population inhabitants, for {@link Function#RATE_PER_100K}
     * @return the consolidated value, to at most 15 significant digits
     */
    public static BigDecimal apply(Function f, PeriodAggregate a, Long population) {
        BigDecimal v = switch (f) {
            case SUM -> a.total();
            case MEAN -> a.total().divide(BigDecimal.valueOf(a.count()), PRECISION);
            case LAST -> a.lastValue();
            case MIN -> a.minimum();
            case MAX -> a.maximum();
            case RATE_PER_100K -> a.total().multiply(HUNDRED_THOUSAND).divide(BigDecimal.valueOf(population), PRECISION);
        };
        v = v.round(PRECISION).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
