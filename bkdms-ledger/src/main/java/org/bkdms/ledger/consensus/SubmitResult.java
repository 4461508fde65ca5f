package org.bkdms.ledger.consensus;

import java.util.Objects;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.tx.TxId;

/**
 * What became of a submitted transaction.
 *
 * @param id the transaction
 * @param status committed, duplicate of a committed one, or rejected
 * @param height the block it is in (committed and duplicate), or -1
 * @param index its position in that block, or -1
 * @param reason why it was rejected, or {@code null}
 * @param message one line for the submitter, or {@code null}
 */
public record SubmitResult(TxId id, Status status, long height, int index, RejectReason reason, String message) {

    /** The outcomes of a submission. */
    public enum Status {
        /** In a committed block: durable and final. */
        COMMITTED,
        /** Already in a committed block from an earlier submission; not stored again. */
        DUPLICATE,
        /** Refused by the acceptance rules; nothing was stored. */
        REJECTED
    }

    /**
     * Checks the parts.
     *
     * @param id see {@link #id()}
     * @param status see {@link #status()}
     * @param height see {@link #height()}
     * @param index see {@link #index()}
     * @param reason see {@link #reason()}
     * @param message see {@link #message()}
     */
    public SubmitResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    static SubmitResult committed(TxId id, long height, int index, boolean duplicate) {
        return new SubmitResult(id, duplicate ? Status.DUPLICATE : Status.COMMITTED, height, index, null, null);
    }

    static SubmitResult rejected(TxId id, RejectReason reason, String message) {
        return new SubmitResult(id, Status.REJECTED, -1, -1, reason, message);
    }

    /** @return whether the transaction is on chain (committed now or before) */
    public boolean onChain() {
        return status != Status.REJECTED;
    }
}
