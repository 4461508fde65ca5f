package org.bkdms.bench;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.bkdms.core.kpi.KpiCatalogue;
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

/**
 * The records the benchmarks work on, shaped like what a Trondheim sampling site reports: country
 * 578 (Norway), city {@code UNLOCODE:NOTRD}, an IPv4 site address, a per-site sequence number and
 * a 16-octet salt. Both records are checked against the U4SSC catalogue when built.
 */
final class SampleRecords {
    /** Collection time of both records. */
    static final Instant TIME = Instant.parse("2025-06-30T12:00:00.250Z");
    /** Per-site sequence number carried by both records. */
    static final long SEQUENCE_NUMBER = 4711;

    private SampleRecords() {
    }

    /**
     * @return a fixed 16-octet salt (fixed so that every run encodes the same bytes)
     */
    static byte[] salt() {
        byte[] salt = new byte[Extending.MIN_SALT];
        new Random(20250630L).nextBytes(salt);
        return salt;
    }

    /**
     * A typical single-value record: "EC: ICT: ICT: 1C" (household Internet access), 97.00 %.
     *
     * @param salted whether to add the 16-octet salt; a site hands records to the sealer without
     *     one and the sealer draws a fresh salt for every packet
     * @return the record
     */
    static UnifiedKpiRecord singleValue(boolean salted) {
        KpiData kpi = KpiData.single(KpiCode.parse("EC: ICT: ICT: 1C"), KpiUnit.PERCENT, KpiValue.of("97.00"));
        Extending ext = Extending.empty().withSequenceNumber(SEQUENCE_NUMBER);
        if (salted) {
            ext = ext.withSalt(salt());
        }
        return record(kpi, ext);
    }

    /**
     * A five-series air quality record, "EN: EN: AQ: 1C" in ug/m3, as in the application's sample
     * record (including its source reference), with sequence number and salt.
     *
     * @return the record
     */
    static UnifiedKpiRecord airQuality() {
        KpiData kpi = KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3, Map.of(
                "pm_10", KpiValue.of("14.2"),
                "pm_2.5", KpiValue.of("6.8"),
                "no2", KpiValue.of("21.5"),
                "so2", KpiValue.of("1.9"),
                "o3", KpiValue.of("48.0")));
        Extending ext = Extending.empty().withSequenceNumber(SEQUENCE_NUMBER)
                .withSalt(salt())
                .withSourceReference("mqtt:trondheim/aq/elgeseter");
        return record(kpi, ext);
    }

    private static UnifiedKpiRecord record(KpiData kpi, Extending ext) {
        KpiCatalogue.u4ssc().validate(kpi);
        return new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                SiteId.parse("10.20.0.7"), TIME, kpi, ext);
    }
}
