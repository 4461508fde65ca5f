package org.bkdms.core.crypto;

import java.security.SecureRandom;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Suite 1, the default: HPKE DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, Ed25519
 * signatures (RFC 8032, 64 octets), SHA-256.
 */
final class X25519Ed25519Suite extends CryptoSuite {
    X25519Ed25519Suite(SecureRandom random) {
        super(CryptoSuites.X25519_ED25519, "X25519-SHA256-AES256GCM-ED25519", HPKE.kem_X25519_SHA256,
                HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256, random);
    }

    @Override
    public String jcaSignatureAlgorithm() {
        return "Ed25519";
    }

    @Override
    public SuitePrivateKey generate(KeyPurpose purpose) {
        AsymmetricCipherKeyPair pair;
        if (purpose == KeyPurpose.SIGNING) {
            Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
            g.init(new Ed25519KeyGenerationParameters(random()));
            pair = g.generateKeyPair();
        } else {
            X25519KeyPairGenerator g = new X25519KeyPairGenerator();
            g.init(new X25519KeyGenerationParameters(random()));
            pair = g.generateKeyPair();
        }
        return toPrivateKey(purpose, pair);
    }

    @Override
    void checkPublic(KeyPurpose purpose, AsymmetricKeyParameter key) {
        boolean ok = purpose == KeyPurpose.SIGNING ? key instanceof Ed25519PublicKeyParameters
                : key instanceof X25519PublicKeyParameters;
        if (!ok) {
            throw new ValidationException(Violation.INVALID_FIELD, name() + " needs an "
                    + (purpose == KeyPurpose.SIGNING ? "Ed25519" : "X25519") + " key, got " + key.getClass().getSimpleName());
        }
    }

    @Override
    AsymmetricKeyParameter derivePublic(KeyPurpose purpose, AsymmetricKeyParameter privateKey) {
        if (purpose == KeyPurpose.SIGNING && privateKey instanceof Ed25519PrivateKeyParameters p) {
            return p.generatePublicKey();
        }
        if (purpose == KeyPurpose.ENCRYPTION && privateKey instanceof X25519PrivateKeyParameters p) {
            return p.generatePublicKey();
        }
        throw new ValidationException(Violation.INVALID_FIELD, name() + " cannot use a "
                + privateKey.getClass().getSimpleName() + " for " + purpose.name().toLowerCase());
    }

    @Override
    byte[] serializeHpkePublic(AsymmetricKeyParameter key) {
        return ((X25519PublicKeyParameters) key).getEncoded();
    }

    @Override
    byte[] doSign(SuitePrivateKey signer, byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, signer.keyPair().getPrivate());
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    @Override
    boolean doVerify(SuitePublicKey signer, byte[] message, byte[] signature) {
        if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, signer.parameter());
        s.update(message, 0, message.length);
        return s.verifySignature(signature);
    }
}
