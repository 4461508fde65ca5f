package org.bkdms.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.kpi.KpiCode;

/**
 * Which KPIs a site must report and how often: the analysis-side mirror of the ledger's
 * {@code AdminAction.PublishCollectionPolicy} contract action, plus the time from which it applies
 * (the time of the block that published it). A newer policy for the same site replaces the older one
 * from its {@code effectiveFrom} on.
 *
 * @param siteId the site's address literal
 * @param kpiCodes the KPIs the site reports; canonicalized
 * @param periodSeconds the expected reporting period of each KPI, read by {@link ReportingCadence#of(long)}
 * @param effectiveFrom when the policy starts to apply, or {@code null} for "since always"
 */
public record CollectionPolicy(String siteId, List<String> kpiCodes, long periodSeconds, Instant effectiveFrom) {
    /**
     * Checks the parts and canonicalizes the KPI codes.
     *
     * @param siteId see {@link #siteId()}
     * @param kpiCodes see {@link #kpiCodes()}
     * @param periodSeconds see {@link #periodSeconds()}
     * @param effectiveFrom see {@link #effectiveFrom()}
     */
    public CollectionPolicy {
        Objects.requireNonNull(siteId, "siteId");
        kpiCodes = kpiCodes.stream().map(c -> KpiCode.parse(c).canonical()).distinct().toList();
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("periodSeconds must be positive");
        }
    }

    /** @return how the period is laid out on the calendar */
    public ReportingCadence cadence() {
        return ReportingCadence.of(periodSeconds);
    }

    /** @return the start of applicability, {@link Instant#MIN} if since always */
    public Instant effectiveFromOrMin() {
        return effectiveFrom == null ? Instant.MIN : effectiveFrom;
    }
}
