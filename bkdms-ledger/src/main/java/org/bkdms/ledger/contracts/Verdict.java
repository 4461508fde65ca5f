package org.bkdms.ledger.contracts;

import java.util.Objects;
import org.bkdms.ledger.tx.MisbehaviourReport;

/**
 * The contracts' decision on a transaction: accepted, or rejected with a typed reason. A rejection
 * that is misbehaviour by a registered site names its kind, so that the node can report it.
 *
 * @param reason the reason, or {@code null} if accepted
 * @param message one line for the submitter, or {@code null} if accepted
 * @param misbehaviour the misbehaviour to report, or {@code null}
 */
public record Verdict(RejectReason reason, String message, MisbehaviourReport.Kind misbehaviour) {
    private static final Verdict ACCEPTED = new Verdict(null, null, null);

    /** @return the verdict for an accepted transaction */
    public static Verdict accepted() {
        return ACCEPTED;
    }

    /**
     * @param reason why
     * @param message one line naming the problem
     * @return a rejection
     */
    public static Verdict reject(RejectReason reason, String message) {
        return new Verdict(Objects.requireNonNull(reason), message, null);
    }

    /**
     * @param reason why
     * @param message one line naming the problem
     * @param kind the misbehaviour it shows
     * @return a rejection to be reported as misbehaviour
     */
    public static Verdict misbehaviour(RejectReason reason, String message, MisbehaviourReport.Kind kind) {
        return new Verdict(Objects.requireNonNull(reason), message, kind);
    }

    /** @return whether the transaction is accepted */
    public boolean isAccepted() {
        return reason == null;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted" : reason + ": " + message;
    }
}
