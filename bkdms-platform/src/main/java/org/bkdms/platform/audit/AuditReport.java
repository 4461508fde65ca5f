package org.bkdms.platform.audit;

import java.util.List;

/**
 * The result of an audit.
 *
 * @param chains per chain, what was checked
 * @param inconsistencies everything found, in the order found
 */
public record AuditReport(List<ChainSummary> chains, List<Inconsistency> inconsistencies) {

    /**
     * What was checked on one chain.
     *
     * @param chainId the chain
     * @param blocks blocks verified
     * @param rowsChecked stored rows compared with the chain
     * @param storedHeight blocks the platform had stored
     */
    public record ChainSummary(String chainId, long blocks, long rowsChecked, long storedHeight) {
    }

    /**
     * Copies the lists.
     *
     * @param chains see {@link #chains()}
     * @param inconsistencies see {@link #inconsistencies()}
     */
    public AuditReport {
        chains = List.copyOf(chains);
        inconsistencies = List.copyOf(inconsistencies);
    }

    /** @return whether nothing was found */
    public boolean consistent() {
        return inconsistencies.isEmpty();
    }
}
