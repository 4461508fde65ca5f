package org.bkdms.ledger.tx;

import org.bkdms.core.der.DerWriter;

/** The signed content of a ledger transaction: what the signer vouches for. */
public sealed interface TxBody permits KpiSubmission, AdminTransaction, MisbehaviourReport {

    /** @return the CHOICE alternative number of the transaction kind in {@code LedgerTransaction} */
    int choice();

    /**
     * Writes the body's DER {@code SEQUENCE}.
     *
     * @param w the writer
     */
    void writeTo(DerWriter w);

    /** @return the body's DER encoding, which the signature covers */
    default byte[] encode() {
        DerWriter w = new DerWriter();
        writeTo(w);
        return w.toByteArray();
    }
}
