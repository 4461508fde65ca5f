package org.bkdms.site.storage;

import java.util.Map;

/**
 * What the site's store holds, for {@code bkdms site status}.
 *
 * @param pending outbox entries not yet confirmed (the outbox depth)
 * @param confirmed outbox entries confirmed with a proof
 * @param lastConfirmedSequence highest confirmed sequence number, or -1
 * @param lastSequence highest sequence number sealed, or -1
 * @param quarantined rows in quarantine and not released
 * @param quarantineReasons those rows counted by reason code
 * @param openPeriods consolidation periods still accumulating
 */
public record StoreStatus(long pending, long confirmed, long lastConfirmedSequence, long lastSequence, long quarantined,
        Map<String, Long> quarantineReasons, long openPeriods) {
    /**
     * Copies the map.
     *
     * @param pending see {@link #pending()}
     * @param confirmed see {@link #confirmed()}
     * @param lastConfirmedSequence see {@link #lastConfirmedSequence()}
     * @param lastSequence see {@link #lastSequence()}
     * @param quarantined see {@link #quarantined()}
     * @param quarantineReasons see {@link #quarantineReasons()}
     * @param openPeriods see {@link #openPeriods()}
     */
    public StoreStatus {
        quarantineReasons = Map.copyOf(quarantineReasons);
    }
}
