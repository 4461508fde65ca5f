package org.bkdms.site.computing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.bkdms.site.storage.PeriodAggregate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsolidatorTest {
    private static PeriodAggregate aggregate() {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        PeriodAggregate a = new PeriodAggregate("k", "value", t, t.plusSeconds(86400), 1, new BigDecimal("3"),
                new BigDecimal("3"), t, new BigDecimal("3"), new BigDecimal("3"), "ref", "rule");
        return a.add(new BigDecimal("9"), t.plusSeconds(7200)).add(new BigDecimal("6"), t.plusSeconds(3600));
    }

    @ParameterizedTest
    @CsvSource({"sum, 18", "mean, 6", "last, 9", "min, 3", "max, 9", "rate_per_100k, 9"})
    void eachFunctionConsolidatesAPeriod(String function, String expected) {
        assertThat(Consolidator.apply(Consolidator.Function.parse(function), aggregate(), 200_000L))
                .isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "day, 2025-03-30T12:00:00Z, 2025-03-29T23:00:00Z, 2025-03-30T22:00:00Z",
        "month, 2025-03-30T12:00:00Z, 2025-02-28T23:00:00Z, 2025-03-31T22:00:00Z",
        "quarter, 2025-05-10T00:00:00Z, 2025-03-31T22:00:00Z, 2025-06-30T22:00:00Z",
        "year, 2025-05-10T00:00:00Z, 2024-12-31T23:00:00Z, 2025-12-31T23:00:00Z",
        "week, 2025-01-01T12:00:00Z, 2024-12-29T23:00:00Z, 2025-01-05T23:00:00Z",
        "hour, 2025-01-01T12:34:00Z, 2025-01-01T12:00:00Z, 2025-01-01T13:00:00Z",
    })
    void calendarPeriodsFollowTheZoneAcrossDaylightSavingTime(String period, String at, String start, String end) {
        Periods.Span s = Periods.of(period, Instant.parse(at), ZoneId.of("Europe/Oslo"));
        assertThat(s.start()).isEqualTo(Instant.parse(start));
        assertThat(s.end()).isEqualTo(Instant.parse(end));
    }
}
