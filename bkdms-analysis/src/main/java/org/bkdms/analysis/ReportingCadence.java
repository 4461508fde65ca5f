package org.bkdms.analysis;

import java.time.Instant;
import java.util.Objects;

/**
 * How a collection policy's reporting period is laid out in time: one report per slot, where a slot
 * is either a calendar period (when the policy's period is a day, a month, a quarter or a year) or a
 * fixed number of seconds counted from the Unix epoch.
 *
 * <p>The ledger contract states the period in seconds only, which cannot express "monthly". A period
 * between 28 and 31 days is therefore read as one calendar month, 89 to 92 days as a quarter and 365
 * or 366 days as a year; exactly one day as a calendar day. Any other period is a fixed slot length.
 *
 * @param calendar the calendar period of a slot, or {@code null} for fixed slots
 * @param slotSeconds the slot length for fixed slots; the nominal length for calendar slots
 */
public record ReportingCadence(Granularity calendar, long slotSeconds) {
    private static final long DAY = 86_400;

    /**
     * Checks the parts.
     *
     * @param calendar see {@link #calendar()}
     * @param slotSeconds see {@link #slotSeconds()}
     */
    public ReportingCadence {
        if (slotSeconds < 1) {
            throw new IllegalArgumentException("slotSeconds must be positive");
        }
    }

    /**
     * @param periodSeconds a policy's reporting period
     * @return the cadence it stands for
     */
    public static ReportingCadence of(long periodSeconds) {
        Granularity g = null;
        if (periodSeconds == DAY) {
            g = Granularity.DAY;
        } else if (periodSeconds >= 28 * DAY && periodSeconds <= 31 * DAY) {
            g = Granularity.MONTH;
        } else if (periodSeconds >= 89 * DAY && periodSeconds <= 92 * DAY) {
            g = Granularity.QUARTER;
        } else if (periodSeconds >= 365 * DAY && periodSeconds <= 366 * DAY) {
            g = Granularity.YEAR;
        }
        return new ReportingCadence(g, periodSeconds);
    }

    /**
     * @param t an instant
     * @return the start of the slot that contains it
     */
    public Instant slotStart(Instant t) {
        if (calendar != null) {
            return calendar.startOf(t);
        }
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), slotSeconds) * slotSeconds);
    }

    /**
     * @param slotStart the start of a slot
     * @return the start of the next slot
     */
    public Instant nextSlot(Instant slotStart) {
        Objects.requireNonNull(slotStart, "slotStart");
        if (calendar != null) {
            return calendar.nextStart(calendar.startOf(slotStart));
        }
        return slotStart.plusSeconds(slotSeconds);
    }
}
