package org.bkdms.ledger.contracts;

import java.util.Objects;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.record.SiteId;

/**
 * One version of a site's registry entry, valid from block {@code sinceHeight} until the next
 * version.
 *
 * @param siteId the site
 * @param name its human name
 * @param status its status
 * @param signingKey the key its submissions must be signed with
 * @param sinceHeight the block in which this version took effect
 * @param reason why the last change was made (empty if none given)
 */
public record SiteEntry(SiteId siteId, String name, SiteStatus status, SuitePublicKey signingKey, long sinceHeight,
        String reason) {
    /**
     * Checks the parts.
     *
     * @param siteId see {@link #siteId()}
     * @param name see {@link #name()}
     * @param status see {@link #status()}
     * @param signingKey see {@link #signingKey()}
     * @param sinceHeight see {@link #sinceHeight()}
     * @param reason see {@link #reason()}
     */
    public SiteEntry {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(reason, "reason");
    }

    SiteEntry next(SiteStatus newStatus, SuitePublicKey newKey, long height, String why) {
        return new SiteEntry(siteId, name, newStatus, newKey, height, why);
    }
}
