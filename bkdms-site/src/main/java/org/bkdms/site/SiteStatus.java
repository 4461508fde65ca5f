package org.bkdms.site;

import java.util.Optional;
import org.bkdms.site.storage.StoreStatus;

/**
 * A running site's state, for operators.
 *
 * @param store the outbox, quarantine and open periods
 * @param uploadHalt why uploading halted, if it did
 * @param lastUploadError the last upload failure, if the last attempt failed
 * @param collectError the last collection failure, if the last attempt failed
 */
public record SiteStatus(StoreStatus store, Optional<String> uploadHalt, Optional<String> lastUploadError,
        Optional<String> collectError) {
}
