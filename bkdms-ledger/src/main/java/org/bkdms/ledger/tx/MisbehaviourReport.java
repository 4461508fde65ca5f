package org.bkdms.ledger.tx;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.record.SiteId;

/**
 * A node's attestation that a registered site misbehaved (Supplement 62 clause 9.3), with the
 * rejected submission as evidence. Enough reports suspend the site, visibly to every platform.
 *
 * @param siteId the site
 * @param kind what it did
 * @param observedAt when the node saw it
 * @param evidence the rejected submission as received
 */
public record MisbehaviourReport(SiteId siteId, Kind kind, Instant observedAt, byte[] evidence) implements TxBody {
    /** Largest evidence kept. */
    public static final int MAX_EVIDENCE = 65536;

    /** Kinds of misbehaviour, with their ENUMERATED values. */
    public enum Kind {
        /** A submission whose signature does not verify with the site's registered key. */
        INVALID_SIGNATURE(1),
        /** A submission reusing a sequence number with different content, or going backwards. */
        REPLAY(2),
        /** Submissions beyond the rate limit. */
        FLOOD(3);

        private final int value;

        Kind(int value) {
            this.value = value;
        }

        /** @return the ENUMERATED value */
        public int value() {
            return value;
        }

        static Kind of(int value) {
            return values()[value - 1];
        }
    }

    /**
     * Checks the parts and keeps at most {@value #MAX_EVIDENCE} octets of evidence.
     *
     * @param siteId see {@link #siteId()}
     * @param kind see {@link #kind()}
     * @param observedAt see {@link #observedAt()}
     * @param evidence see {@link #evidence()}
     */
    public MisbehaviourReport {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(observedAt, "observedAt");
        evidence = Arrays.copyOf(evidence, Math.min(evidence.length, MAX_EVIDENCE));
    }

    /** @return a copy of the evidence */
    @Override
    public byte[] evidence() {
        return evidence.clone();
    }

    @Override
    public int choice() {
        return 2;
    }

    @Override
    public void writeTo(DerWriter w) {
        w.sequence(s -> s.integer(1).octetString(siteId.address()).enumerated(kind.value()).generalizedTime(observedAt)
                .octetString(evidence));
    }

    static MisbehaviourReport readFrom(DerReader r) {
        VersionCheck.require(r, "misbehaviour report");
        SiteId site = SiteId.of(r.readOctetString(4, 16, "siteId"));
        Kind kind = Kind.of(r.readEnumerated(1, Kind.values().length, "kind"));
        Instant at = r.readGeneralizedTime("observedAt");
        byte[] evidence = r.readOctetString(0, MAX_EVIDENCE, "evidence");
        r.expectEnd();
        return new MisbehaviourReport(site, kind, at, evidence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MisbehaviourReport m && siteId.equals(m.siteId) && kind == m.kind
                && observedAt.equals(m.observedAt) && Arrays.equals(evidence, m.evidence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(siteId, kind, observedAt, Arrays.hashCode(evidence));
    }
}
