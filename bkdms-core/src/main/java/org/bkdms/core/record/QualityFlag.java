package org.bkdms.core.record;

/**
 * Quality flags a site may attach to a record (the {@code qualityFlags} extension). The bit
 * number is the position in the DER named bit list.
 */
public enum QualityFlag {
    /** The value is an estimate rather than a measurement or count. */
    ESTIMATED(0),
    /** The value is provisional and may be revised. */
    PROVISIONAL(1),
    /** The value was filled in for a missing observation. */
    IMPUTED(2),
    /** The value replaces one reported earlier for the same KPI, site and time. */
    REVISED(3),
    /** A measured value lies below the instrument's detection limit. */
    BELOW_DETECTION_LIMIT(4);

    private final int bit;

    QualityFlag(int bit) {
        this.bit = bit;
    }

    /** @return the bit number in the named bit list */
    public int bit() {
        return bit;
    }
}
