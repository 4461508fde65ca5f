package org.bkdms.core.crypto;

import java.security.SecureRandom;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * Suite 2, for deployments that require NIST curves: HPKE DHKEM(P-256, HKDF-SHA256) / HKDF-SHA256
 * / AES-128-GCM, ECDSA over P-256 with SHA-256 (deterministic nonces, RFC 6979; signature encoded
 * as the DER {@code Ecdsa-Sig-Value} of X9.62), SHA-256.
 */
final class P256Suite extends CryptoSuite {
    private static final ECNamedDomainParameters P256 = ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);

    P256Suite(SecureRandom random) {
        super(CryptoSuites.P256_ECDSA, "P256-SHA256-AES128GCM-ECDSA-P256", HPKE.kem_P256_SHA256,
                HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128, random);
    }

    @Override
    public String jcaSignatureAlgorithm() {
        return "SHA256withECDSA";
    }

    @Override
    public SuitePrivateKey generate(KeyPurpose purpose) {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(P256, random()));
        return toPrivateKey(purpose, g.generateKeyPair());
    }

    @Override
    void checkPublic(KeyPurpose purpose, AsymmetricKeyParameter key) {
        if (!(key instanceof ECPublicKeyParameters ec) || !ec.getParameters().getCurve().equals(P256.getCurve())) {
            throw new ValidationException(Violation.INVALID_FIELD, name() + " needs a P-256 key, got "
                    + key.getClass().getSimpleName());
        }
    }

    @Override
    AsymmetricKeyParameter derivePublic(KeyPurpose purpose, AsymmetricKeyParameter privateKey) {
        if (!(privateKey instanceof ECPrivateKeyParameters ec) || !ec.getParameters().getCurve().equals(P256.getCurve())) {
            throw new ValidationException(Violation.INVALID_FIELD, name() + " needs a P-256 private key");
        }
        return new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
    }

    @Override
    byte[] serializeHpkePublic(AsymmetricKeyParameter key) {
        return ((ECPublicKeyParameters) key).getQ().getEncoded(false);
    }

    private static DSADigestSigner signer() {
        return new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())), new SHA256Digest(),
                StandardDSAEncoding.INSTANCE);
    }

    @Override
    byte[] doSign(SuitePrivateKey signerKey, byte[] message) {
        DSADigestSigner s = signer();
        s.init(true, signerKey.keyPair().getPrivate());
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    @Override
    boolean doVerify(SuitePublicKey signerKey, byte[] message, byte[] signature) {
        DSADigestSigner s = signer();
        s.init(false, signerKey.parameter());
        s.update(message, 0, message.length);
        return s.verifySignature(signature);
    }
}
