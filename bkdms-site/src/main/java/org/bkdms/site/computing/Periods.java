package org.bkdms.site.computing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Consolidation periods: calendar periods in the mapping's time zone ({@code hour} … {@code year})
 * or fixed lengths in seconds aligned on the epoch (the collection policy's period).
 */
public final class Periods {
    private Periods() {
    }

    /**
     * A period containing an instant.
     *
     * @param start its first instant
     * @param end the instant after it
     */
    public record Span(Instant start, Instant end) {
    }

    /**
     * @param name a period name, or {@code null}
     * @throws MappingException if it is not one
     */
    static void check(String name) {
        if (name != null) {
            of(name, Instant.EPOCH, ZoneId.of("UTC"));
        }
    }

    /**
     * @param name {@code hour}, {@code day}, {@code week}, {@code month}, {@code quarter} or {@code year}
     * @param t an instant
     * @param zone the zone calendar periods are counted in
     * @return the period containing {@code t}
     * @throws MappingException if the name is not a period
     */
    public static Span of(String name, Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        ZonedDateTime start;
        ZonedDateTime end;
        switch (name.toLowerCase(Locale.ROOT)) {
            case "hour" -> {
                start = z.truncatedTo(ChronoUnit.HOURS);
                end = start.plusHours(1);
            }
            case "day" -> {
                start = z.truncatedTo(ChronoUnit.DAYS);
                end = start.plusDays(1);
            }
            case "week" -> {
                start = z.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                end = start.plusWeeks(1);
            }
            case "month" -> {
                start = z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                end = start.plusMonths(1);
            }
            case "quarter" -> {
                start = z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((z.getMonthValue() - 1) / 3 * 3 + 1);
                end = start.plusMonths(3);
            }
            case "year" -> {
                start = z.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
                end = start.plusYears(1);
            }
            default -> throw new MappingException("unknown consolidation period '" + name
                    + "'; use hour, day, week, month, quarter or year");
        }
        return new Span(start.toInstant(), end.toInstant());
    }

    /**
     * @param length a fixed period length, such as the collection policy's
     * @param t an instant
     * @return the epoch-aligned period containing {@code t}
     */
    public static Span of(Duration length, Instant t) {
        long len = length.getSeconds();
        if (len <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        long start = Math.floorDiv(t.getEpochSecond(), len) * len;
        return new Span(Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + len));
    }
}
