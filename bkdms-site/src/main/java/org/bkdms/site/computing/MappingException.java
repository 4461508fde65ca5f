package org.bkdms.site.computing;

import org.bkdms.core.error.BkdmsException;

/** The KPI mapping file is not valid; the site does not start until it is fixed. */
public class MappingException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the rule and the problem
     */
    public MappingException(String message) {
        super(message, null);
    }

    @Override
    public String reasonCode() {
        return "INVALID_MAPPING";
    }
}
