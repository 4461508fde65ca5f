package org.bkdms.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The collection policies of all sites, arranged so that the policy in force for a site at any
 * instant can be found: each version applies from its {@code effectiveFrom} until the next version
 * of the same site. Immutable.
 */
public final class PolicyBook {
    private final Map<String, List<CollectionPolicy>> bySite = new HashMap<>();

    /**
     * @param policies every policy version; order does not matter
     */
    public PolicyBook(Collection<CollectionPolicy> policies) {
        for (CollectionPolicy p : policies) {
            bySite.computeIfAbsent(p.siteId(), s -> new ArrayList<>()).add(p);
        }
        bySite.values().forEach(l -> l.sort(Comparator.comparing(CollectionPolicy::effectiveFromOrMin)));
    }

    /**
     * A policy version with the span of time in which it is in force.
     *
     * @param policy the policy
     * @param from first instant it applies
     * @param to first instant it no longer applies ({@link Instant#MAX} if still in force)
     */
    public record Span(CollectionPolicy policy, Instant from, Instant to) {
    }

    /**
     * @param siteId a site
     * @return the site's policy versions with their spans, oldest first
     */
    public List<Span> spans(String siteId) {
        List<CollectionPolicy> l = bySite.getOrDefault(siteId, List.of());
        List<Span> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            Instant to = i + 1 < l.size() ? l.get(i + 1).effectiveFromOrMin() : Instant.MAX;
            out.add(new Span(l.get(i), l.get(i).effectiveFromOrMin(), to));
        }
        return out;
    }

    /**
     * @param siteId a site
     * @param t an instant
     * @return the site's policy in force at that instant
     */
    public Optional<CollectionPolicy> at(String siteId, Instant t) {
        List<CollectionPolicy> l = bySite.get(siteId);
        if (l == null) {
            return Optional.empty();
        }
        CollectionPolicy found = null;
        for (CollectionPolicy p : l) {
            if (p.effectiveFromOrMin().isAfter(t)) {
                break;
            }
            found = p;
        }
        return Optional.ofNullable(found);
    }

    /** @return every site that has a policy, sorted */
    public TreeSet<String> sites() {
        return new TreeSet<>(bySite.keySet());
    }

    /**
     * The reporting slot an observation belongs to: the slot of the site's policy in force at its
     * observation time, or the observation time itself if no policy is in force.
     *
     * @param o an observation
     * @return the start of its slot
     */
    public Instant slotOf(Observation o) {
        return at(o.siteId(), o.observationTime())
                .map(p -> p.cadence().slotStart(o.observationTime()))
                .orElse(o.observationTime());
    }
}
