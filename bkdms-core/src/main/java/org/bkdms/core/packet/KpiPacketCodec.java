package org.bkdms.core.packet;

import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.record.UnifiedKpiRecordCodec;

/**
 * DER codec of the KPI packet and of the structures the packet's crypto binds, as defined in the
 * ASN.1 module {@code docs/asn1/BKDMS-KPI.asn}:
 *
 * <pre>
 * KpiPacket ::= SEQUENCE {
 *     version           Version,
 *     suite             SuiteId,
 *     encryptedKpiData  EncryptedKpiData,
 *     encryptedDigest   EncryptedDigest }
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class KpiPacketCodec {
    /** The only packet version defined. */
    public static final int VERSION = 1;
    /** Largest encoded packet accepted by {@link #decode(byte[])}, in octets. */
    public static final int MAX_ENCODED_LENGTH = UnifiedKpiRecordCodec.MAX_ENCODED_LENGTH + 1024;
    /** Largest HPKE encapsulated key accepted (P-521 needs 133). */
    public static final int MAX_ENC_LENGTH = 256;
    /** Largest signature accepted. */
    public static final int MAX_SIGNATURE_LENGTH = 512;
    /** Context string of the signed structure. */
    public static final String SIGNATURE_CONTEXT = "BKDMS packet digest v1";
    /** HPKE {@code info} for KPI records. */
    public static final String HPKE_INFO = "BKDMS unified KPI record v1";

    private KpiPacketCodec() {
    }

    /**
     * @param packet the packet
     * @return its DER encoding
     */
    public static byte[] encode(KpiPacket packet) {
        return new DerWriter().sequence(w -> {
            w.integer(VERSION);
            w.integer(packet.suiteId());
            w.raw(encodeEncryptedKpiData(packet.encryptedKpiData()));
            EncryptedDigest d = packet.encryptedDigest();
            w.sequence(s -> s.octetString(d.signerKeyId().bytes()).octetString(d.digest()).octetString(d.signature()));
        }).toByteArray();
    }

    /**
     * @param data encrypted KPI data
     * @return the DER encoding of {@code EncryptedKpiData}, whose digest the site signs
     */
    public static byte[] encodeEncryptedKpiData(EncryptedKpiData data) {
        return new DerWriter().sequence(s -> s.octetString(data.recipientKeyId().bytes()).octetString(data.enc())
                .octetString(data.ciphertext())).toByteArray();
    }

    /**
     * The HPKE associated data: {@code PacketAad ::= SEQUENCE { version, suite, recipientKeyId, signerKeyId }}.
     *
     * @param suiteId suite number
     * @param recipient recipient key id
     * @param signer signer key id
     * @return the DER encoding
     */
    public static byte[] aad(int suiteId, KeyId recipient, KeyId signer) {
        return new DerWriter().sequence(s -> s.integer(VERSION).integer(suiteId).octetString(recipient.bytes())
                .octetString(signer.bytes())).toByteArray();
    }

    /**
     * The structure the site signs:
     * {@code DigestToBeSigned ::= SEQUENCE { context, suite, encryptedKpiDataDigest, recordDigest }}.
     *
     * @param suiteId suite number
     * @param encryptedKpiDataDigest digest of the DER {@code EncryptedKpiData}
     * @param recordDigest digest of the DER record
     * @return the DER encoding
     */
    public static byte[] toBeSigned(int suiteId, byte[] encryptedKpiDataDigest, byte[] recordDigest) {
        return new DerWriter().sequence(s -> s.utf8String(SIGNATURE_CONTEXT).integer(suiteId)
                .octetString(encryptedKpiDataDigest).octetString(recordDigest)).toByteArray();
    }

    /**
     * @param der a DER-encoded {@code KpiPacket}
     * @return the packet
     * @throws DecodeException if the bytes are not the canonical encoding of a packet
     */
    public static KpiPacket decode(byte[] der) {
        DerReader r = DerReader.openVersioned(der, MAX_ENCODED_LENGTH, VERSION, "packet");
        int suite = (int) r.readLong(0, 65535, "suite");
        DerReader e = r.readSequence();
        KeyId recipient = KeyId.wrap(e.readOctetString(KeyId.LENGTH, KeyId.LENGTH, "recipientKeyId"));
        byte[] enc = e.readOctetString(1, MAX_ENC_LENGTH, "enc");
        byte[] ct = e.readOctetString(1, UnifiedKpiRecordCodec.MAX_ENCODED_LENGTH + 64, "ciphertext");
        e.expectEnd();
        DerReader d = r.readSequence();
        KeyId signer = KeyId.wrap(d.readOctetString(KeyId.LENGTH, KeyId.LENGTH, "signerKeyId"));
        byte[] digest = d.readOctetString(32, 64, "digest");
        byte[] sig = d.readOctetString(1, MAX_SIGNATURE_LENGTH, "signature");
        d.expectEnd();
        r.expectEnd();
        return new KpiPacket(suite, new EncryptedKpiData(recipient, enc, ct), new EncryptedDigest(signer, digest, sig));
    }
}
