package org.bkdms.core.packet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.HpkeCiphertext;
import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.VerificationException;
import org.bkdms.core.error.VerificationException.Failure;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;

/**
 * Opens packets (Y.4907 clause 9, "Decryption and application of KPI data of SSC"): checks the
 * site's signature, decrypts with the platform key the packet names, and checks that the record
 * hashes to the signed digest. Old platform keys stay usable: give the opener every key that may
 * still have records encrypted to it. Thread-safe.
 */
public final class PacketOpener {
    private static final byte[] INFO = KpiPacketCodec.HPKE_INFO.getBytes(StandardCharsets.UTF_8);

    private final CryptoSuites suites;
    private final Map<KeyId, SuitePrivateKey> platformKeys;

    /**
     * @param suites the suites to accept
     * @param platformKeys the platform's encryption keys, current and past
     */
    public PacketOpener(CryptoSuites suites, Iterable<SuitePrivateKey> platformKeys) {
        this.suites = Objects.requireNonNull(suites, "suites");
        Map<KeyId, SuitePrivateKey> keys = new HashMap<>();
        for (SuitePrivateKey k : platformKeys) {
            if (k.publicKey().purpose() != KeyPurpose.ENCRYPTION) {
                throw new IllegalArgumentException("not an encryption key: " + k);
            }
            keys.put(k.keyId(), k);
        }
        this.platformKeys = Map.copyOf(keys);
    }

    /**
     * Checks the site's signature over the packet without decrypting it: anyone holding the site's
     * public key (a ledger node, an auditor) can do this.
     *
     * @param suites the suites to accept
     * @param packet the packet
     * @param siteKey the key the site signs with
     * @throws VerificationException if the suite is unknown, the key is not the signer's, or the signature fails
     */
    public static void verifySignature(CryptoSuites suites, KpiPacket packet, SuitePublicKey siteKey) {
        CryptoSuite suite = suites.byId(packet.suiteId());
        EncryptedDigest d = packet.encryptedDigest();
        if (!d.signerKeyId().equals(siteKey.keyId()) || siteKey.suite().id() != suite.id()) {
            throw new VerificationException(Failure.UNKNOWN_SIGNER_KEY, "packet was signed by key " + d.signerKeyId()
                    + " but the site key given is " + siteKey.keyId() + " (" + siteKey.suite().name() + ")");
        }
        byte[] tbs = KpiPacketCodec.toBeSigned(suite.id(),
                suite.digest(KpiPacketCodec.encodeEncryptedKpiData(packet.encryptedKpiData())), d.digest());
        if (!suite.verify(siteKey, tbs, d.signature())) {
            throw new VerificationException(Failure.SIGNATURE_INVALID, "site signature over the packet digest does not verify"
                    + " with key " + siteKey.keyId());
        }
    }

    /**
     * @param packet the packet
     * @param siteKey the key of the site that is supposed to have sealed it
     * @return the verified record
     * @throws VerificationException naming the first check that failed
     * @throws DecodeException if the decrypted bytes are not a record (only possible for a packet
     *     signed by the site's own key, i.e. a broken or malicious site)
     */
    public OpenedPacket open(KpiPacket packet, SuitePublicKey siteKey) {
        verifySignature(suites, packet, siteKey);
        CryptoSuite suite = suites.byId(packet.suiteId());
        EncryptedKpiData data = packet.encryptedKpiData();
        SuitePrivateKey key = platformKeys.get(data.recipientKeyId());
        if (key == null) {
            throw new VerificationException(Failure.UNKNOWN_RECIPIENT_KEY, "packet is encrypted to platform key "
                    + data.recipientKeyId() + ", which is not among the keys given ("
                    + platformKeys.keySet().stream().map(KeyId::toString).collect(Collectors.joining(", ")) + ")");
        }
        if (key.suite().id() != suite.id()) {
            throw new VerificationException(Failure.UNSUPPORTED_SUITE, "packet claims suite " + suite.name()
                    + " but its platform key belongs to " + key.suite().name());
        }
        byte[] aad = KpiPacketCodec.aad(suite.id(), data.recipientKeyId(), packet.encryptedDigest().signerKeyId());
        byte[] recordDer = suite.open(key, INFO, aad, new HpkeCiphertext(data.enc(), data.ciphertext()));
        if (!MessageDigest.isEqual(suite.digest(recordDer), packet.encryptedDigest().digest())) {
            throw new VerificationException(Failure.DIGEST_MISMATCH, "decrypted record does not match the signed digest");
        }
        UnifiedKpiRecord record = UnifiedKpiRecordCodec.decode(recordDer);
        if (record.extending().salt().isEmpty()) {
            throw new VerificationException(Failure.UNSALTED_RECORD, "record carries no salt extension");
        }
        return new OpenedPacket(record, recordDer, packet);
    }

    /** @return the ids of the platform keys this opener holds */
    public Set<KeyId> keyIds() {
        return platformKeys.keySet();
    }
}
