package org.bkdms.ledger.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bkdms.core.record.SiteId;

/**
 * The site registry contract's state: every version of every site's entry, so that "was site X
 * authorized at block N?" can be answered for any N. Not thread-safe; owned by {@link ContractState}.
 */
public final class SiteRegistry {
    private final Map<SiteId, List<SiteEntry>> history = new HashMap<>();

    /**
     * @param site a site
     * @return its current entry
     */
    public Optional<SiteEntry> current(SiteId site) {
        List<SiteEntry> h = history.get(site);
        return h == null ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    /**
     * @param site a site
     * @param height a block height
     * @return the entry in force after block {@code height} was applied, if the site was registered by then
     */
    public Optional<SiteEntry> at(SiteId site, long height) {
        List<SiteEntry> h = history.get(site);
        if (h == null) {
            return Optional.empty();
        }
        SiteEntry found = null;
        for (SiteEntry e : h) {
            if (e.sinceHeight() > height) {
                break;
            }
            found = e;
        }
        return Optional.ofNullable(found);
    }

    /**
     * @param site a site
     * @return every version of its entry, oldest first
     */
    public List<SiteEntry> history(SiteId site) {
        return Collections.unmodifiableList(history.getOrDefault(site, List.of()));
    }

    /** @return the registered sites */
    public List<SiteId> sites() {
        return List.copyOf(history.keySet());
    }

    void put(SiteEntry entry) {
        history.computeIfAbsent(entry.siteId(), k -> new ArrayList<>()).add(entry);
    }
}
