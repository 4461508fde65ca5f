package org.bkdms.core.error;

/** The city coding scheme is not one that BKDMS can validate. */
public final class UnknownCitySchemeException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** @param scheme the scheme as given */
    public UnknownCitySchemeException(String scheme) {
        super(Violation.UNKNOWN_CITY_SCHEME, "unknown city coding scheme '" + scheme + "'");
    }
}
