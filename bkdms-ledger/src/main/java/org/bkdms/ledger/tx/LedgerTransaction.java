package org.bkdms.ledger.tx;

import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerTag;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;

/**
 * A signed transaction on the BKDMS ledger: a {@link TxBody} (a site's KPI submission, a platform
 * admin transaction, or a node's misbehaviour report), the id of the key that signed it, and the
 * signature over the body's exact DER. The DER form is the {@code LedgerTransaction} CHOICE of
 * {@code docs/asn1/BKDMS-LEDGER.asn}; its SHA-256 is the {@link TxId}. Immutable and thread-safe.
 */
public final class LedgerTransaction {
    /** Largest encoded transaction accepted by {@link #decode(byte[])}. */
    public static final int MAX_ENCODED_LENGTH = 192 * 1024;
    /** Largest signature accepted. */
    public static final int MAX_SIGNATURE_LENGTH = 512;

    private final TxBody body;
    private final byte[] bodyDer;
    private final KeyId signerKeyId;
    private final byte[] signature;
    private final byte[] encoded;
    private final TxId id;

    private LedgerTransaction(TxBody body, byte[] bodyDer, KeyId signerKeyId, byte[] signature, byte[] encoded) {
        this.body = body;
        this.bodyDer = bodyDer;
        this.signerKeyId = signerKeyId;
        this.signature = signature;
        this.encoded = encoded;
        this.id = TxId.of(encoded);
    }

    /**
     * @param body what to sign
     * @param key the signer's key: the site's for submissions, the admin's for admin
     *     transactions, the node's for misbehaviour reports
     * @return the signed transaction
     */
    public static LedgerTransaction sign(TxBody body, SuitePrivateKey key) {
        byte[] bodyDer = body.encode();
        byte[] signature = key.suite().sign(key, bodyDer);
        return assemble(body, bodyDer, key.keyId(), signature);
    }

    /**
     * Builds a transaction from parts that were signed elsewhere (or, in tests, signed wrongly).
     *
     * @param body the body
     * @param signerKeyId the claimed signer
     * @param signature the signature over the body's DER
     * @return the transaction
     */
    public static LedgerTransaction assemble(TxBody body, KeyId signerKeyId, byte[] signature) {
        return assemble(body, body.encode(), signerKeyId, signature.clone());
    }

    private static LedgerTransaction assemble(TxBody body, byte[] bodyDer, KeyId signerKeyId, byte[] signature) {
        byte[] encoded = new DerWriter().explicit(body.choice(), c -> c.sequence(s -> s.raw(bodyDer)
                .octetString(signerKeyId.bytes()).octetString(signature))).toByteArray();
        return new LedgerTransaction(body, bodyDer, signerKeyId, signature, encoded);
    }

    /**
     * @param der a DER {@code LedgerTransaction}
     * @return the transaction (its signature is not checked here)
     * @throws DecodeException if the bytes are not the canonical encoding of a transaction
     * @throws org.bkdms.core.error.ValidationException if a part breaks a rule of the data model
     */
    public static LedgerTransaction decode(byte[] der) {
        if (der.length > MAX_ENCODED_LENGTH) {
            throw new DecodeException(0, "transaction of " + der.length + " octets exceeds " + MAX_ENCODED_LENGTH);
        }
        DerReader top = DerReader.of(der);
        int tag = top.peekTag();
        int choice = tag & 0x1F;
        if ((tag & 0xE0) != 0xA0 || choice > 2) {
            throw new DecodeException(0, "expected a LedgerTransaction [0..2] but found " + DerTag.name(tag));
        }
        DerReader inner = top.readExplicit(choice);
        top.expectEnd();
        DerReader s = inner.readSequence();
        inner.expectEnd();
        byte[] bodyDer = s.readElement(DerTag.SEQUENCE);
        KeyId signer = KeyId.wrap(s.readOctetString(KeyId.LENGTH, KeyId.LENGTH, "signerKeyId"));
        byte[] signature = s.readOctetString(1, MAX_SIGNATURE_LENGTH, "signature");
        s.expectEnd();
        DerReader b = DerReader.of(bodyDer).readSequence();
        TxBody body = switch (choice) {
            case 0 -> KpiSubmission.readFrom(b);
            case 1 -> AdminTransaction.readFrom(b);
            default -> MisbehaviourReport.readFrom(b);
        };
        return new LedgerTransaction(body, bodyDer, signer, signature, der.clone());
    }

    /**
     * @param key the key the signer is expected to hold
     * @return whether the key is the one named and the signature over the body verifies with it
     */
    public boolean verifySignature(SuitePublicKey key) {
        return key.keyId().equals(signerKeyId) && key.suite().verify(key, bodyDer, signature);
    }

    /** @return the signed content */
    public TxBody body() {
        return body;
    }

    /** @return the id of the signing key */
    public KeyId signerKeyId() {
        return signerKeyId;
    }

    /** @return a copy of the DER encoding */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** @return the size of the DER encoding */
    public int size() {
        return encoded.length;
    }

    /** @return the transaction id, SHA-256 of the encoding */
    public TxId id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerTransaction t && id.equals(t.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "LedgerTransaction{" + id + ", " + body + "}";
    }
}
