package org.bkdms.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeriodAndCadenceTest {
    @ParameterizedTest
    @CsvSource({
        "DAY, 2025-05-17T13:45:00Z, 2025-05-17, 2025-05-17T00:00:00Z, 2025-05-18T00:00:00Z",
        "MONTH, 2025-02-28T23:59:59Z, 2025-02, 2025-02-01T00:00:00Z, 2025-03-01T00:00:00Z",
        "QUARTER, 2025-06-30T10:00:00Z, 2025-Q2, 2025-04-01T00:00:00Z, 2025-07-01T00:00:00Z",
        "QUARTER, 2024-12-31T10:00:00Z, 2024-Q4, 2024-10-01T00:00:00Z, 2025-01-01T00:00:00Z",
        "YEAR, 2024-07-01T00:00:00Z, 2024, 2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z",
    })
    void periodsAreCalendarPeriodsInUtc(Granularity g, String at, String label, String start, String end) {
        Period p = g.periodOf(Instant.parse(at));
        assertThat(p.label()).isEqualTo(label);
        assertThat(p.start()).isEqualTo(Instant.parse(start));
        assertThat(p.end()).isEqualTo(Instant.parse(end));
        assertThat(g.next(p).start()).isEqualTo(p.end());
    }

    @Test
    void coveringListsEveryOverlappingPeriod() {
        TimeWindow w = new TimeWindow(Instant.parse("2024-11-15T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"));
        assertThat(Period.covering(Granularity.MONTH, w)).extracting(Period::label)
                .containsExactly("2024-11", "2024-12", "2025-01");
        assertThat(Period.covering(Granularity.DAY, w)).hasSize(78);
    }

    @ParameterizedTest
    @CsvSource({"86400, DAY", "2419200, MONTH", "2592000, MONTH", "2678400, MONTH", "7862400, QUARTER",
        "31536000, YEAR", "31622400, YEAR"})
    void calendarLikePeriodsBecomeCalendarSlots(long seconds, Granularity expected) {
        assertThat(ReportingCadence.of(seconds).calendar()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"3600", "604800", "172800", "2764800"})
    void otherPeriodsAreFixedSlots(long seconds) {
        assertThat(ReportingCadence.of(seconds).calendar()).isNull();
    }

    @Test
    void fixedSlotsAlignToTheEpoch() {
        ReportingCadence hourly = ReportingCadence.of(3600);
        assertThat(hourly.slotStart(Instant.parse("2025-03-01T10:59:59Z"))).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(hourly.nextSlot(Instant.parse("2025-03-01T10:00:00Z"))).isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));
    }

    @Test
    void wellFormedCodesAreCanonicalized() {
        assertThat(Obs.of().kpi("ec:ict:ict:1c").build().kpiCode()).isEqualTo("EC: ICT: ICT: 1C");
    }
}
