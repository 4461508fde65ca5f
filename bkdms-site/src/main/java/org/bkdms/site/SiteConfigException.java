package org.bkdms.site;

import org.bkdms.core.error.BkdmsException;

/** The site configuration is not valid; the site does not start until it is fixed. */
public class SiteConfigException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the field and the problem
     */
    public SiteConfigException(String message) {
        super(message, null);
    }

    @Override
    public String reasonCode() {
        return "INVALID_SITE_CONFIG";
    }
}
