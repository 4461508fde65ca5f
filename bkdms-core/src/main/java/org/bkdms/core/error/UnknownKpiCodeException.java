package org.bkdms.core.error;

/** The KPI code is well formed or not, but names no KPI in the catalogue. */
public final class UnknownKpiCodeException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** @param code the code as given */
    public UnknownKpiCodeException(String code) {
        super(Violation.UNKNOWN_KPI_CODE, "unknown KPI code '" + code + "'");
    }
}
