package org.bkdms.ledger.tx;

/**
 * How the contracts check a site's sequence numbers, one rule per contract deployment
 * ({@link AdminAction.DeployContracts#sequenceRule()}).
 *
 * <p>Both rules refuse a number at or below the site's last committed one as a replay. They differ
 * in what they do with a number further ahead: {@link #INCREASING} accepts any higher number, so a
 * later number that commits first turns every earlier one still in flight into a replay, and a
 * site may only send one submission at a time. {@link #CONTIGUOUS} accepts only the next number and
 * refuses the others as a gap the site fills by resending in order, which is what lets a site keep
 * many submissions in flight without ever losing one.
 */
public enum SequenceRule {
    /** Each sequence number must be above the site's last committed one (the rule of the first chains). */
    INCREASING(0),
    /** Each sequence number must be exactly one above the site's last committed one; the first is 1. */
    CONTIGUOUS(1);

    private final int code;

    SequenceRule(int code) {
        this.code = code;
    }

    /** @return the value of the ASN.1 {@code SequenceRule} enumeration */
    public int code() {
        return code;
    }

    /**
     * @param code a value of the ASN.1 {@code SequenceRule} enumeration
     * @return the rule
     * @throws IllegalArgumentException if the value names no rule
     */
    public static SequenceRule ofCode(int code) {
        for (SequenceRule r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown sequence rule " + code);
    }

    /**
     * @param last the site's last committed sequence number, or -1 if none
     * @return the sequence number the site's next submission must carry under {@link #CONTIGUOUS}
     */
    public static long nextContiguous(long last) {
        // a site that committed 0 under the increasing rule (or nothing yet) goes on with 1
        return Math.max(last, 0) + 1;
    }
}
