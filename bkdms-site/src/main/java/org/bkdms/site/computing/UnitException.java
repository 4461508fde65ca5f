package org.bkdms.site.computing;

import org.bkdms.core.error.BkdmsException;

/**
 * A source value's unit is unknown, or measures something other than the catalogue's unit. The
 * row goes to quarantine with this message; fix the mapping or the source.
 */
public class UnitException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the unit
     */
    public UnitException(String message) {
        super(message, null);
    }

    @Override
    public String reasonCode() {
        return "UNIT_MISMATCH";
    }
}
