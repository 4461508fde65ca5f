package org.bkdms.site.storage;

import java.time.Instant;
import java.util.Objects;
import org.bkdms.ledger.tx.TxId;

/**
 * One sealed packet in the outbox: the exact signed transaction that carries it, kept until the
 * chain confirms it.
 *
 * @param sequence the site's sequence number of the packet (and of its submission)
 * @param txId the transaction id, SHA-256 of {@link #transaction()}
 * @param transaction the DER {@code LedgerTransaction} as signed; resent byte for byte
 * @param kpiCode the KPI the packet reports, for operators
 * @param recordTime the record's time
 * @param sourceReference where the data came from, or {@code null}
 * @param state pending or confirmed
 * @param attempts how many times the upload was tried
 */
public record OutboxEntry(long sequence, TxId txId, byte[] transaction, String kpiCode, Instant recordTime,
        String sourceReference, State state, int attempts) {

    /** Where an outbox entry stands. */
    public enum State {
        /** Sealed and stored; not yet confirmed by the chain. */
        PENDING,
        /** On chain, with a verified inclusion proof stored beside it. */
        CONFIRMED
    }

    /**
     * Checks the parts.
     *
     * @param sequence see {@link #sequence()}
     * @param txId see {@link #txId()}
     * @param transaction see {@link #transaction()}
     * @param kpiCode see {@link #kpiCode()}
     * @param recordTime see {@link #recordTime()}
     * @param sourceReference see {@link #sourceReference()}
     * @param state see {@link #state()}
     * @param attempts see {@link #attempts()}
     */
    public OutboxEntry {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(kpiCode, "kpiCode");
        Objects.requireNonNull(recordTime, "recordTime");
        Objects.requireNonNull(state, "state");
        transaction = transaction.clone();
    }

    /** @return a copy of the signed transaction bytes */
    @Override
    public byte[] transaction() {
        return transaction.clone();
    }
}
