package org.bkdms.core.record;

import java.time.Instant;
import java.util.Objects;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bkdms.core.kpi.KpiData;

/**
 * The unified KPI record of Y.4907 Table 10-1: one KPI observation of one sampling site, in the form
 * every role of BKDMS exchanges. Its binary form is the DER encoding written by
 * {@link UnifiedKpiRecordCodec}; the "Length" part is derived from {@link #extending()} and so
 * cannot disagree with it.
 *
 * <p>Construction checks everything that does not need the KPI catalogue: the country is an
 * assigned ISO 3166-1 code, the city code is valid in its scheme for that country, the time can be
 * encoded. Whether the KPI data agrees with the catalogue is checked by
 * {@link org.bkdms.core.kpi.KpiCatalogue#validate(KpiData)}.
 *
 * @param countryRegion ISO 3166-1 numeric country or region
 * @param city city code in a named scheme
 * @param siteId IPv4 or IPv6 address of the collecting equipment
 * @param time when the data was collected (UTC)
 * @param kpiData the KPI, its values and unit
 * @param extending typed extensions (sequence number, salt, …)
 */
public record UnifiedKpiRecord(CountryRegion countryRegion, City city, SiteId siteId, Instant time, KpiData kpiData,
        Extending extending) {

    /** Earliest time a record may carry. */
    public static final Instant MIN_TIME = Instant.parse("0000-01-01T00:00:00Z");
    /** Latest time a record may carry. */
    public static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * Checks and normalizes the parts.
     *
     * @param countryRegion see {@link #countryRegion()}
     * @param city see {@link #city()}
     * @param siteId see {@link #siteId()}
     * @param time see {@link #time()}
     * @param kpiData see {@link #kpiData()}
     * @param extending see {@link #extending()}
     */
    public UnifiedKpiRecord {
        Objects.requireNonNull(countryRegion, "countryRegion");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kpiData, "kpiData");
        Objects.requireNonNull(extending, "extending");
        if (city.code().isEmpty() || city.code().length() > City.MAX_CODE_LENGTH) {
            throw new ValidationException(Violation.INVALID_CITY_CODE, "city code must have 1.." + City.MAX_CODE_LENGTH
                    + " characters");
        }
        city.scheme().validate(city.code(), countryRegion);
        if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
            throw new ValidationException(Violation.INVALID_FIELD, "time outside years 0000..9999: " + time);
        }
    }

    /** @return the "Length" part: octets in the DER encoding of {@link #extending()} */
    public int length() {
        return UnifiedKpiRecordCodec.encodeExtending(extending).length;
    }

    /**
     * @param newExtending replacement extensions
     * @return a copy with other extensions
     */
    public UnifiedKpiRecord withExtending(Extending newExtending) {
        return new UnifiedKpiRecord(countryRegion, city, siteId, time, kpiData, newExtending);
    }
}
