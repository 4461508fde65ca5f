package org.bkdms.analysis;

import java.util.Map;
import java.util.TreeMap;

/**
 * Integrity figures that the platform and the ledger count elsewhere and that reports show beside
 * the quality figures: submissions the ledger rejected, by reason, and records whose verification
 * failed at the platform (bad signature, digest mismatch, inconsistent check code ...), by kind.
 *
 * @param rejectionsByReason rejected submissions per ledger reject reason, such as {@code REPLAY}
 * @param verificationFailuresByKind failed verifications per kind
 */
public record IntegrityCounters(Map<String, Long> rejectionsByReason, Map<String, Long> verificationFailuresByKind) {
    /**
     * Copies the maps into sorted, unmodifiable ones and checks that no count is negative.
     *
     * @param rejectionsByReason see {@link #rejectionsByReason()}
     * @param verificationFailuresByKind see {@link #verificationFailuresByKind()}
     */
    public IntegrityCounters {
        rejectionsByReason = sortedCopy(rejectionsByReason);
        verificationFailuresByKind = sortedCopy(verificationFailuresByKind);
    }

    private static Map<String, Long> sortedCopy(Map<String, Long> in) {
        TreeMap<String, Long> out = new TreeMap<>(in == null ? Map.of() : in);
        if (out.values().stream().anyMatch(v -> v == null || v < 0)) {
            throw new IllegalArgumentException("counts must be present and not negative");
        }
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    /** @return counters that are all zero */
    public static IntegrityCounters none() {
        return new IntegrityCounters(Map.of(), Map.of());
    }

    /** @return the total of rejected submissions */
    public long totalRejections() {
        return rejectionsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the total of failed verifications */
    public long totalVerificationFailures() {
        return verificationFailuresByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
