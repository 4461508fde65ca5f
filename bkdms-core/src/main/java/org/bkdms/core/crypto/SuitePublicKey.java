package org.bkdms.core.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A public key bound to a crypto suite and a purpose, with its encodings precomputed. Immutable and
 * thread-safe. Obtain one from {@link CryptoSuite#publicKey(KeyPurpose, byte[])}.
 */
public final class SuitePublicKey {
    private final CryptoSuite suite;
    private final KeyPurpose purpose;
    private final byte[] spki;
    private final KeyId keyId;
    private final AsymmetricKeyParameter parameter;

    SuitePublicKey(CryptoSuite suite, KeyPurpose purpose, byte[] spki, AsymmetricKeyParameter parameter) {
        this.suite = Objects.requireNonNull(suite);
        this.purpose = Objects.requireNonNull(purpose);
        this.spki = spki.clone();
        this.keyId = KeyId.of(spki);
        this.parameter = parameter;
    }

    /** @return the suite the key belongs to */
    public CryptoSuite suite() {
        return suite;
    }

    /** @return what the key is for */
    public KeyPurpose purpose() {
        return purpose;
    }

    /** @return the DER SubjectPublicKeyInfo */
    public byte[] subjectPublicKeyInfo() {
        return spki.clone();
    }

    /** @return the key id */
    public KeyId keyId() {
        return keyId;
    }

    AsymmetricKeyParameter parameter() {
        return parameter;
    }

    @Override
    public String toString() {
        return suite.name() + " " + purpose.name().toLowerCase() + " key " + keyId;
    }
}
