package org.bkdms.core.error;

import java.util.Objects;

/**
 * A well-formed value breaks a rule of the data model: unknown country, invalid city code, KPI
 * value out of range, wrong unit. The caller should reject the record (sites quarantine it) and
 * count it under {@link #violation()}.
 */
public class ValidationException extends BkdmsException {
    private static final long serialVersionUID = 1L;
    private final Violation violation;

    /**
     * @param violation which rule was broken
     * @param message one line naming the offending value
     */
    public ValidationException(Violation violation, String message) {
        super(message, null);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    /** @return the rule that was broken */
    public Violation violation() {
        return violation;
    }

    @Override
    public String reasonCode() {
        return violation.name();
    }

    /** The rules of the unified KPI data model, one constant per typed rejection. */
    public enum Violation {
        /** Country/region is not an officially assigned ISO 3166-1 numeric code. */
        UNKNOWN_COUNTRY,
        /** The city coding scheme is not one BKDMS knows. */
        UNKNOWN_CITY_SCHEME,
        /** The city code does not follow its scheme, or does not belong to the country. */
        INVALID_CITY_CODE,
        /** Site ID is not an IPv4 or IPv6 address literal. */
        INVALID_SITE_ID,
        /** The KPI code is not in the catalogue. */
        UNKNOWN_KPI_CODE,
        /** The unit differs from the catalogue's unit for the KPI. */
        UNIT_MISMATCH,
        /** A data series is unknown for the KPI. */
        SERIES_MISMATCH,
        /** A value has the wrong kind (number for a Yes/No KPI, or the reverse). */
        VALUE_KIND_MISMATCH,
        /** A value lies outside the catalogue's valid range. */
        VALUE_OUT_OF_RANGE,
        /** An extension carries a value its type does not allow. */
        INVALID_EXTENSION,
        /** A field is missing, empty, or beyond a documented size limit. */
        INVALID_FIELD
    }
}
