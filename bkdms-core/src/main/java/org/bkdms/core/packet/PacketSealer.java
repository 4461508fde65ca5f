package org.bkdms.core.packet;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.HpkeCiphertext;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;

/**
 * Seals unified KPI records into packets (Y.4907 clause 9, "Encryption of KPI data of SSC"): the
 * record is encrypted to the smart city platform's key with HPKE and its salted digest is signed
 * with the sampling site's key. Thread-safe; one sealer serves one site and one platform key.
 */
public final class PacketSealer {
    private static final byte[] INFO = KpiPacketCodec.HPKE_INFO.getBytes(StandardCharsets.UTF_8);

    private final CryptoSuite suite;
    private final SuitePublicKey platformKey;
    private final SuitePrivateKey siteKey;
    private final byte[] aad;

    /**
     * @param platformKey the smart city platform's encryption key
     * @param siteKey the site's signing key, of the same suite
     */
    public PacketSealer(SuitePublicKey platformKey, SuitePrivateKey siteKey) {
        this.platformKey = Objects.requireNonNull(platformKey, "platformKey");
        this.siteKey = Objects.requireNonNull(siteKey, "siteKey");
        this.suite = platformKey.suite();
        if (platformKey.purpose() != KeyPurpose.ENCRYPTION || siteKey.publicKey().purpose() != KeyPurpose.SIGNING
                || siteKey.suite().id() != suite.id()) {
            throw new IllegalArgumentException("need a platform encryption key and a site signing key of one suite");
        }
        this.aad = KpiPacketCodec.aad(suite.id(), platformKey.keyId(), siteKey.keyId());
    }

    /**
     * Seals a record. A record without a salt gets a fresh random one (the salt is what keeps the
     * signed digest from revealing the values).
     *
     * @param record the record
     * @return the packet, the record as sealed, and the packet's encoding
     */
    public SealedPacket seal(UnifiedKpiRecord record) {
        UnifiedKpiRecord salted = record;
        if (record.extending().salt().isEmpty()) {
            byte[] salt = suite.randomBytes(Extending.MIN_SALT);
            salted = record.withExtending(record.extending().withSalt(salt));
        }
        byte[] recordDer = UnifiedKpiRecordCodec.encode(salted);
        HpkeCiphertext ct = suite.seal(platformKey, INFO, aad, recordDer);
        EncryptedKpiData data = new EncryptedKpiData(platformKey.keyId(), ct.enc(), ct.ciphertext());
        byte[] recordDigest = suite.digest(recordDer);
        byte[] tbs = KpiPacketCodec.toBeSigned(suite.id(), suite.digest(KpiPacketCodec.encodeEncryptedKpiData(data)),
                recordDigest);
        EncryptedDigest digest = new EncryptedDigest(siteKey.keyId(), recordDigest, suite.sign(siteKey, tbs));
        KpiPacket packet = new KpiPacket(suite.id(), data, digest);
        return new SealedPacket(packet, salted, KpiPacketCodec.encode(packet));
    }
}
