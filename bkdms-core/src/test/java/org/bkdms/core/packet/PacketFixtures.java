package org.bkdms.core.packet;

import java.time.Instant;
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

/** Realistic records for packet tests. */
final class PacketFixtures {
    private PacketFixtures() {
    }

    /** A single-value Household Internet Access record from a Trondheim site, without a salt. */
    static UnifiedKpiRecord internetAccess(String value, long sequence) {
        return new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                SiteId.parse("10.20.0.7"), Instant.parse("2025-06-30T12:00:00.250Z"),
                KpiData.single(KpiCode.parse("EC: ICT: ICT: 1C"), KpiUnit.PERCENT, KpiValue.of(value)),
                Extending.empty().withSequenceNumber(sequence));
    }

    /** A five-series air quality record from a Hangzhou IPv6 site. */
    static UnifiedKpiRecord airQuality() {
        return new UnifiedKpiRecord(CountryRegion.of(156), new City(CityCodingScheme.CN_GBT_2260, "330100"),
                SiteId.parse("2001:db8::17"), Instant.parse("2025-01-01T00:00:00Z"),
                KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3, Map.of("pm_10", KpiValue.of("41.3"),
                        "pm_2.5", KpiValue.of("28.9"), "no2", KpiValue.of("33.0"), "so2", KpiValue.of("6.1"),
                        "o3", KpiValue.of("71.4"))),
                Extending.empty().withSequenceNumber(7).withSourceReference("mqtt:hz/aq/west-lake"));
    }
}
