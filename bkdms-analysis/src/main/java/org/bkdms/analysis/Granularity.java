package org.bkdms.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/** A calendar period length in UTC that reports are broken down by. */
public enum Granularity {
    /** A calendar day. */
    DAY,
    /** A calendar month. */
    MONTH,
    /** A calendar quarter (January to March, ...). */
    QUARTER,
    /** A calendar year. */
    YEAR;

    /**
     * @param t an instant
     * @return the period of this granularity that contains it
     */
    public Period periodOf(Instant t) {
        LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
        LocalDate start = switch (this) {
            case DAY -> d;
            case MONTH -> d.withDayOfMonth(1);
            case QUARTER -> d.withMonth((d.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
            case YEAR -> d.withDayOfYear(1);
        };
        return periodStarting(start);
    }

    /**
     * The start of the period that contains an instant, without building the period: the hot
     * paths group millions of observations by it.
     *
     * @param t an instant
     * @return the first instant of the period of this granularity that contains it
     */
    public Instant startOf(Instant t) {
        long day = Math.floorDiv(t.getEpochSecond(), 86_400L);
        if (this == DAY) {
            return Instant.ofEpochSecond(day * 86_400L);
        }
        LocalDate d = LocalDate.ofEpochDay(day);
        LocalDate start = switch (this) {
            case MONTH -> d.withDayOfMonth(1);
            case QUARTER -> d.withMonth((d.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
            default -> d.withDayOfYear(1);
        };
        return Instant.ofEpochSecond(start.toEpochDay() * 86_400L);
    }

    /**
     * @param start the start of a period of this granularity
     * @return the start of the next period
     */
    public Instant nextStart(Instant start) {
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(start.getEpochSecond(), 86_400L));
        LocalDate next = switch (this) {
            case DAY -> d.plusDays(1);
            case MONTH -> d.plusMonths(1);
            case QUARTER -> d.plusMonths(3);
            case YEAR -> d.plusYears(1);
        };
        return Instant.ofEpochSecond(next.toEpochDay() * 86_400L);
    }

    /**
     * @param p a period of this granularity
     * @return the period right after it
     */
    public Period next(Period p) {
        return periodStarting(LocalDate.ofInstant(p.end(), ZoneOffset.UTC));
    }

    private Period periodStarting(LocalDate start) {
        LocalDate end = switch (this) {
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
        String label = switch (this) {
            case DAY -> start.toString();
            case MONTH -> start.toString().substring(0, 7);
            case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(start.getYear());
        };
        return new Period(this, start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.atStartOfDay(ZoneOffset.UTC).toInstant(), label);
    }
}
