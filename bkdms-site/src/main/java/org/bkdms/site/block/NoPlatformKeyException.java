package org.bkdms.site.block;

import org.bkdms.core.error.BkdmsException;

/**
 * The on-chain platform key directory holds no key this site can seal to (none of the site's
 * crypto suite, or keys of a suite this program does not support). The site keeps collecting into
 * its store but cannot seal; the smart city platform must publish a key of the site's suite.
 */
public class NoPlatformKeyException extends BkdmsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming what is missing
     * @param cause the underlying failure, or {@code null}
     */
    public NoPlatformKeyException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String reasonCode() {
        return "NO_PLATFORM_KEY";
    }
}
