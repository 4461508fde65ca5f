package org.bkdms.analysis.export;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Plain-notation text of numbers, the same on every JDK. */
final class Decimals {
    /** Decimal places of fractional figures in exports. */
    static final int SCALE = 6;

    private Decimals() {
    }

    /**
     * Rounds through the exact binary value, because {@code Double.toString} changed in JDK 19 and
     * would make the files differ between JDKs.
     */
    static BigDecimal of(double d) {
        BigDecimal r = new BigDecimal(d).setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    static String text(Double d) {
        return d == null ? "" : of(d).toPlainString();
    }

    static String text(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    static String text(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Double d) {
            return text(d);
        }
        if (o instanceof BigDecimal b) {
            return text(b);
        }
        return o.toString();
    }
}
