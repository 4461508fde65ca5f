package org.bkdms.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.junit.jupiter.api.Test;

class ObservationTest {
    static final Instant T = Instant.parse("2025-06-30T12:00:00Z");
    static final Instant BLOCK = Instant.parse("2025-06-30T12:05:00Z");

    @Test
    void aRecordBecomesOneObservationPerSeries() {
        UnifiedKpiRecord record = new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                SiteId.parse("10.0.0.7"), T, KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3,
                        Map.of("pm_10", KpiValue.of(new BigDecimal("12.5")), "pm_2.5", KpiValue.of(new BigDecimal("7.25")))),
                Extending.empty().withSequenceNumber(42));
        List<Observation> obs = Observation.fromRecord(record, 17, BLOCK, "trace-1");
        assertThat(obs).hasSize(2);
        Observation pm10 = obs.get(0);
        assertThat(pm10.siteId()).isEqualTo("10.0.0.7");
        assertThat(pm10.country()).isEqualTo("578");
        assertThat(pm10.city()).isEqualTo("UNLOCODE:NOTRD");
        assertThat(pm10.kpiCode()).isEqualTo("EN: EN: AQ: 1C");
        assertThat(pm10.series()).isEqualTo("pm_10");
        assertThat(pm10.value()).isEqualByComparingTo("12.5");
        assertThat(pm10.unit()).isEqualTo("ug/m3");
        assertThat(pm10.observationTime()).isEqualTo(T);
        assertThat(pm10.collectionTime()).isNull();
        assertThat(pm10.referenceTime()).isEqualTo(T);
        assertThat(pm10.blockHeight()).isEqualTo(17);
        assertThat(pm10.blockTime()).isEqualTo(BLOCK);
        assertThat(pm10.siteSequence()).isEqualTo(42);
        assertThat(pm10.tracingCode()).isEqualTo("trace-1");
        assertThat(obs.get(1).series()).isEqualTo("pm_2.5");
    }

    @Test
    void yesNoValuesBecomeOneAndZeroAndAMissingSequenceNumberIsNull() {
        UnifiedKpiRecord record = new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                SiteId.parse("10.0.0.7"), T, KpiData.of(KpiCode.parse("SC: SH: SA: 3A"), KpiUnit.YES_NO,
                        Map.of("value", KpiValue.of(true))), Extending.empty());
        Observation o = Observation.fromRecord(record, 1, BLOCK, null).get(0);
        assertThat(o.value()).isEqualByComparingTo("1");
        assertThat(o.siteSequence()).isNull();
        assertThat(o.tracingCode()).isNull();
    }
}
