package org.bkdms.analysis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.record.UnifiedKpiRecord;

/**
 * One value of one data series of one KPI, as the smart city platform has it after extracting,
 * decrypting and verifying a unified KPI record, together with where the record sits on chain.
 *
 * <p>Fields are plain text and numbers so that the platform can fill them from its database rows
 * and the record serializes to JSON as is. Yes/no values are carried as 1 (yes) and 0 (no).
 *
 * @param siteId the site's address literal, such as {@code 10.20.0.7}
 * @param country ISO 3166-1 numeric country code, three digits, such as {@code 578}
 * @param city the city as {@code scheme:code}, such as {@code UNLOCODE:NOTRD}
 * @param kpiCode the KPI code; canonicalized when it is shaped like a code, kept as given otherwise
 *     (the validity check then reports it)
 * @param series the data series key ({@code value} for single-valued KPIs)
 * @param value the value
 * @param unit the unit code the record carried
 * @param observationTime the record's Time (what the value describes)
 * @param collectionTime when the site collected the value, or {@code null} if not known
 * @param blockHeight height of the block that holds the record
 * @param blockTime time of that block
 * @param siteSequence the site's sequence number from the record's extensions, or {@code null}
 * @param tracingCode the Table 10-3 tracing code, or {@code null}
 */
public record Observation(String siteId, String country, String city, String kpiCode, String series,
        BigDecimal value, String unit, Instant observationTime, Instant collectionTime, long blockHeight,
        Instant blockTime, Long siteSequence, String tracingCode) {

    /**
     * Checks the required parts and canonicalizes the KPI code.
     *
     * @param siteId see {@link #siteId()}
     * @param country see {@link #country()}
     * @param city see {@link #city()}
     * @param kpiCode see {@link #kpiCode()}
     * @param series see {@link #series()}
     * @param value see {@link #value()}
     * @param unit see {@link #unit()}
     * @param observationTime see {@link #observationTime()}
     * @param collectionTime see {@link #collectionTime()}
     * @param blockHeight see {@link #blockHeight()}
     * @param blockTime see {@link #blockTime()}
     * @param siteSequence see {@link #siteSequence()}
     * @param tracingCode see {@link #tracingCode()}
     */
    public Observation {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(kpiCode, "kpiCode");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(observationTime, "observationTime");
        Objects.requireNonNull(blockTime, "blockTime");
        if (blockHeight < 0) {
            throw new IllegalArgumentException("blockHeight must not be negative");
        }
        kpiCode = canonicalOrRaw(kpiCode);
    }

    private static String canonicalOrRaw(String code) {
        try {
            return KpiCode.parse(code).canonical();
        } catch (RuntimeException notACode) {
            // kept as given so that the validity check can count it instead of losing the row
            return code;
        }
    }

    /**
     * Splits a verified unified KPI record into one observation per data series.
     *
     * @param record the decrypted, verified record
     * @param blockHeight height of the block that holds it
     * @param blockTime time of that block
     * @param tracingCode its tracing code, or {@code null}
     * @return one observation per series, in series order
     */
    public static List<Observation> fromRecord(UnifiedKpiRecord record, long blockHeight, Instant blockTime,
            String tracingCode) {
        List<Observation> out = new ArrayList<>();
        Long seq = record.extending().sequenceNumber().isPresent()
                ? record.extending().sequenceNumber().getAsLong() : null;
        for (Map.Entry<String, KpiValue> e : record.kpiData().values().entrySet()) {
            BigDecimal v = e.getValue() instanceof KpiValue.Decimal d ? d.value()
                    : ((KpiValue.Flag) e.getValue()).value() ? BigDecimal.ONE : BigDecimal.ZERO;
            out.add(new Observation(record.siteId().toString(), record.countryRegion().toString(),
                    record.city().toString(), record.kpiData().code().canonical(), e.getKey(), v,
                    record.kpiData().unit(), record.time(), null, blockHeight, blockTime, seq, tracingCode));
        }
        return out;
    }

    /**
     * @return the time that timeliness is measured from: the collection time when known, otherwise
     *     the observation time
     */
    public Instant referenceTime() {
        return collectionTime != null ? collectionTime : observationTime;
    }
}
