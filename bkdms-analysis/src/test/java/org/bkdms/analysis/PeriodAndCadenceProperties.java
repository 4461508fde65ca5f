package org.bkdms.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class PeriodAndCadenceProperties {
    @Property
    void everyInstantLiesInItsSlot(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long epoch,
            @ForAll @LongRange(min = 1, max = 40_000_000) long periodSeconds) {
        ReportingCadence c = ReportingCadence.of(periodSeconds);
        Instant t = Instant.ofEpochSecond(epoch);
        Instant start = c.slotStart(t);
        assertThat(start).isBeforeOrEqualTo(t);
        assertThat(c.nextSlot(start)).isAfter(t);
        assertThat(c.slotStart(start)).isEqualTo(start);
    }

    @Property
    void observationsAcceptAnyKpiCodeTextWithoutThrowing(@ForAll String code) {
        Observation o = Obs.of().kpi(code).build();
        assertThat(o.kpiCode()).isNotNull();
    }

    @Property
    void startOfAgreesWithThePeriod(@ForAll @LongRange(min = -2_000_000_000L, max = 4_000_000_000L) long epoch,
            @ForAll Granularity g) {
        Instant t = Instant.ofEpochSecond(epoch);
        Period p = g.periodOf(t);
        assertThat(g.startOf(t)).isEqualTo(p.start());
        assertThat(g.nextStart(p.start())).isEqualTo(p.end());
    }
}
