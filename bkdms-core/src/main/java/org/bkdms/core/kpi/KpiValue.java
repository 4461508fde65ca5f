package org.bkdms.core.kpi;

import java.math.BigDecimal;
import java.util.Objects;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/** One value of a KPI data series: an exact decimal, or a yes/no answer. */
public sealed interface KpiValue permits KpiValue.Decimal, KpiValue.Flag {

    /** @return the kind of this value */
    ValueKind kind();

    /**
     * @param value an exact decimal
     * @return the value
     */
    static KpiValue of(BigDecimal value) {
        return new Decimal(value);
    }

    /**
     * @param value a decimal in plain or scientific notation, such as {@code 97.00}
     * @return the value, keeping the scale as written
     */
    static KpiValue of(String value) {
        return new Decimal(new BigDecimal(value));
    }

    /**
     * @param value yes or no
     * @return the value
     */
    static KpiValue of(boolean value) {
        return value ? Flag.YES : Flag.NO;
    }

    /**
     * An exact decimal. The scale is kept as reported (97.00 and 97 are different reports), but a
     * negative scale is normalized to zero so that every value has one encoding.
     *
     * @param value the decimal
     */
    record Decimal(BigDecimal value) implements KpiValue {
        /** Largest scale (digits after the point) a record may carry. */
        public static final int MAX_SCALE = 18;
        /** Largest number of significant digits a record may carry. */
        public static final int MAX_PRECISION = 38;

        /**
         * Normalizes the scale and checks the limits.
         *
         * @param value see {@link #value()}
         */
        public Decimal {
            Objects.requireNonNull(value, "value");
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
            if (value.scale() > MAX_SCALE || value.precision() > MAX_PRECISION) {
                throw new ValidationException(Violation.INVALID_FIELD, "decimal beyond " + MAX_PRECISION + " digits or scale "
                        + MAX_SCALE + ": " + value.toPlainString());
            }
        }

        @Override
        public ValueKind kind() {
            return ValueKind.DECIMAL;
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }
    }

    /**
     * A yes/no value.
     *
     * @param value the answer
     */
    record Flag(boolean value) implements KpiValue {
        /** Yes. */
        public static final Flag YES = new Flag(true);
        /** No. */
        public static final Flag NO = new Flag(false);

        @Override
        public ValueKind kind() {
            return ValueKind.BOOLEAN;
        }

        @Override
        public String toString() {
            return value ? "yes" : "no";
        }
    }
}
