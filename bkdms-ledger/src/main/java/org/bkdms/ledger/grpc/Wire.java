package org.bkdms.ledger.grpc;

import com.google.protobuf.ByteString;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.grpc.v1.SubmitResponse;
import org.bkdms.ledger.tx.TxId;

/** Conversions between the ledger's types and the protobuf messages, used by both ends. */
final class Wire {
    private Wire() {
    }

    static SubmitResponse toProto(SubmitResult r) {
        return SubmitResponse.newBuilder()
                .setTxId(ByteString.copyFrom(r.id().bytes()))
                .setStatus(switch (r.status()) {
                    case COMMITTED -> SubmitResponse.Status.COMMITTED;
                    case DUPLICATE -> SubmitResponse.Status.DUPLICATE;
                    case REJECTED -> SubmitResponse.Status.REJECTED;
                })
                .setHeight(r.height())
                .setIndex(r.index())
                .setReason(r.reason() == null ? "" : r.reason().name())
                .setMessage(r.message() == null ? "" : r.message())
                .build();
    }

    /**
     * @throws LedgerException if the response is not one a node sends
     */
    static SubmitResult fromProto(SubmitResponse r) {
        byte[] id = r.getTxId().toByteArray();
        if (id.length != TxId.LENGTH) {
            throw new LedgerException("node answered with a transaction id of " + id.length + " octets", null, null);
        }
        SubmitResult.Status status = switch (r.getStatus()) {
            case COMMITTED -> SubmitResult.Status.COMMITTED;
            case DUPLICATE -> SubmitResult.Status.DUPLICATE;
            case REJECTED -> SubmitResult.Status.REJECTED;
            default -> throw new LedgerException("node answered with submission status " + r.getStatus(), null, null);
        };
        RejectReason reason = null;
        String message = r.getMessage().isEmpty() ? null : r.getMessage();
        if (status == SubmitResult.Status.REJECTED) {
            reason = rejectReason(r.getReason());
            if (reason == null) {
                // a newer node's reason: still a rejection, and the name is kept for the log
                message = "[" + r.getReason() + "] " + (message == null ? "" : message);
            }
        }
        return new SubmitResult(TxId.wrap(id), status, r.getHeight(), r.getIndex(), reason, message);
    }

    /** @return the reason of that name, or {@code null} if this version does not know it */
    static RejectReason rejectReason(String name) {
        for (RejectReason r : RejectReason.values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
