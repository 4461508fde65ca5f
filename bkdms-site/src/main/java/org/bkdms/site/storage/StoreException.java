package org.bkdms.site.storage;

import org.bkdms.core.error.BkdmsException;

/**
 * The site's store failed (database unreadable, disk full, schema newer than this program).
 * Nothing of the failed unit of work was committed; the caller should stop taking in data and
 * let the operator fix the store, since every later step depends on it.
 */
public class StoreException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming what failed
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String reasonCode() {
        return "SITE_STORE";
    }
}
