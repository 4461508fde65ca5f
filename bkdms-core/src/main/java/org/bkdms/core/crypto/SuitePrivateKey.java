package org.bkdms.core.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;

/**
 * A private key bound to a crypto suite and a purpose, together with its public key. Immutable
 * and thread-safe. {@link #toString()} never shows key material.
 */
public final class SuitePrivateKey {
    private final SuitePublicKey publicKey;
    private final byte[] pkcs8;
    private final AsymmetricCipherKeyPair keyPair;

    SuitePrivateKey(SuitePublicKey publicKey, byte[] pkcs8, AsymmetricCipherKeyPair keyPair) {
        this.publicKey = Objects.requireNonNull(publicKey);
        this.pkcs8 = pkcs8.clone();
        this.keyPair = keyPair;
    }

    /** @return the matching public key */
    public SuitePublicKey publicKey() {
        return publicKey;
    }

    /** @return the suite */
    public CryptoSuite suite() {
        return publicKey.suite();
    }

    /** @return the key id of the public key */
    public KeyId keyId() {
        return publicKey.keyId();
    }

    /** @return the DER PKCS#8 PrivateKeyInfo; handle with care and never log it */
    public byte[] pkcs8() {
        return pkcs8.clone();
    }

    AsymmetricCipherKeyPair keyPair() {
        return keyPair;
    }

    @Override
    public String toString() {
        return "private " + publicKey;
    }
}
