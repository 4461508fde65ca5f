package org.bkdms.ledger.contracts;

/** Why the ledger refuses a transaction. Every rejection carries one and is counted under it. */
public enum RejectReason {
    /** The bytes are not a valid transaction or packet. */
    MALFORMED,
    /** The submission is larger than the contracts allow. */
    OVERSIZED,
    /** The contracts have not been deployed yet. */
    NOT_DEPLOYED,
    /** The site is not in the registry. */
    UNKNOWN_SITE,
    /** The site is suspended. */
    SITE_SUSPENDED,
    /** The site is revoked. */
    SITE_REVOKED,
    /** The envelope or packet signature does not verify with the site's registered key. */
    BAD_SIGNATURE,
    /** The transport identity (TLS certificate) is not the site the submission names. */
    WRONG_SITE,
    /** The sequence number is not above the site's last committed one. */
    REPLAY,
    /**
     * The site exceeded its rate limit; back-pressure, not misbehaviour: the site retries later, so
     * an honest site with a backlog is slowed down rather than reported.
     */
    RATE_LIMITED,
    /** The packet uses a crypto suite the contracts do not allow. */
    UNSUPPORTED_SUITE,
    /** The packet is encrypted to a key that is not in the platform key directory. */
    UNKNOWN_PLATFORM_KEY,
    /** The packet was signed by another key than the envelope. */
    PACKET_SIGNER_MISMATCH,
    /** An admin transaction not signed by the chain's admin key, or a report not by a chain node. */
    UNAUTHORIZED,
    /** An admin transaction whose nonce is not above the last one. */
    STALE_NONCE,
    /** An admin action that the current state does not allow (e.g. registering a site twice). */
    INVALID_ACTION,
    /** The node is shutting down or overloaded; retry later. */
    UNAVAILABLE,
    /**
     * Under the {@link org.bkdms.ledger.tx.SequenceRule#CONTIGUOUS} rule, the sequence number is
     * not the next one the site owes (its last committed one plus 1) but ahead of it (or 0 before
     * the site's first). Not misbehaviour and not
     * counted against the rate limit: an earlier submission of a pipelining site has not committed
     * (yet), so the site resends from its oldest unconfirmed one, in order.
     */
    SEQUENCE_GAP
}
