package org.bkdms.ledger.grpc;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.contracts.SiteEntry;

/**
 * A site's state in the contracts, as a ledger node reported it.
 *
 * @param siteId the site asked about
 * @param entry its registry entry in force at the height asked about; empty if it was not registered
 * @param lastSequence its last committed sequence number (-1 if none); present for current-state
 *     queries only, since the contracts keep no history of it
 * @param misbehaviourCount misbehaviour reports since it was last reinstated; current-state queries only
 */
public record SiteState(SiteId siteId, Optional<SiteEntry> entry, OptionalLong lastSequence, OptionalLong misbehaviourCount) {
    /**
     * Checks the parts.
     *
     * @param siteId see {@link #siteId()}
     * @param entry see {@link #entry()}
     * @param lastSequence see {@link #lastSequence()}
     * @param misbehaviourCount see {@link #misbehaviourCount()}
     */
    public SiteState {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(lastSequence, "lastSequence");
        Objects.requireNonNull(misbehaviourCount, "misbehaviourCount");
    }

    /** @return whether the site had a registry entry */
    public boolean registered() {
        return entry.isPresent();
    }
}
