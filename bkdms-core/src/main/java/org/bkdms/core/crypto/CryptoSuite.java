package org.bkdms.core.crypto;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bkdms.core.error.VerificationException;
import org.bkdms.core.error.VerificationException.Failure;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A named, negotiable set of algorithms that protects KPI packets: an RFC 9180 HPKE cipher suite
 * (base mode) for the KPI data, a signature scheme for the site's digest, and a hash.
 *
 * <p>Suites are identified by a number that travels in every packet; see {@link CryptoSuites} for
 * the registered ones. HPKE comes from Bouncy Castle's lightweight API, which is also where the
 * signature schemes come from because it is several times faster than the JDK's for Ed25519.
 * Instances are immutable and thread-safe.
 */
public abstract class CryptoSuite {
    private final int id;
    private final String name;
    private final short kemId;
    private final short kdfId;
    private final short aeadId;
    private final SecureRandom random;

    CryptoSuite(int id, String name, short kemId, short kdfId, short aeadId, SecureRandom random) {
        this.id = id;
        this.name = name;
        this.kemId = kemId;
        this.kdfId = kdfId;
        this.aeadId = aeadId;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @return the suite number written in packets */
    public final int id() {
        return id;
    }

    /** @return the suite name, such as {@code X25519-SHA256-AES256GCM-ED25519} */
    public final String name() {
        return name;
    }

    /** @return the RFC 9180 KEM identifier */
    public final short kemId() {
        return kemId;
    }

    /** @return the RFC 9180 KDF identifier */
    public final short kdfId() {
        return kdfId;
    }

    /** @return the RFC 9180 AEAD identifier */
    public final short aeadId() {
        return aeadId;
    }

    /** @return the signature algorithm name in the JCA, used for certificates */
    public abstract String jcaSignatureAlgorithm();

    /** @return the randomness source of this suite */
    protected final SecureRandom random() {
        return random;
    }

    /**
     * @param n how many octets
     * @return fresh random octets from this suite's {@link SecureRandom}
     */
    public final byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    final HPKE hpke() {
        // HPKE objects keep per-call state in their KEM, so each operation gets a fresh one.
        return new HPKE(HPKE.mode_base, kemId, kdfId, aeadId);
    }

    /**
     * @param purpose what the key is for
     * @return a fresh private key (with its public key)
     */
    public abstract SuitePrivateKey generate(KeyPurpose purpose);

    /**
     * @param purpose what the key is for
     * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo
     * @return the public key
     * @throws ValidationException if the key is malformed or not of this suite's type for that purpose
     */
    public final SuitePublicKey publicKey(KeyPurpose purpose, byte[] subjectPublicKeyInfo) {
        AsymmetricKeyParameter p;
        try {
            p = PublicKeyFactory.createKey(subjectPublicKeyInfo);
        } catch (IOException | RuntimeException e) {
            throw new ValidationException(Violation.INVALID_FIELD, "not a valid SubjectPublicKeyInfo: " + e.getMessage());
        }
        checkPublic(purpose, p);
        return new SuitePublicKey(this, purpose, subjectPublicKeyInfo, p);
    }

    /**
     * @param purpose what the key is for
     * @param pkcs8 DER PKCS#8 PrivateKeyInfo
     * @return the private key
     * @throws ValidationException if the key is malformed or not of this suite's type for that purpose
     */
    public final SuitePrivateKey privateKey(KeyPurpose purpose, byte[] pkcs8) {
        AsymmetricKeyParameter priv;
        try {
            priv = PrivateKeyFactory.createKey(pkcs8);
        } catch (IOException | RuntimeException e) {
            throw new ValidationException(Violation.INVALID_FIELD, "not a valid PKCS#8 private key: " + e.getMessage());
        }
        AsymmetricKeyParameter pub = derivePublic(purpose, priv);
        return toPrivateKey(purpose, new AsymmetricCipherKeyPair(pub, priv));
    }

    final SuitePrivateKey toPrivateKey(KeyPurpose purpose, AsymmetricCipherKeyPair pair) {
        try {
            byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()).getEncoded("DER");
            PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate());
            if (info.getPublicKeyData() != null) {
                // Bouncy Castle writes RFC 5958 v2 (public key embedded) for X25519/Ed25519, which
                // OpenSSL 3.0 and other toolkits refuse; the v1 form of RFC 8410 is read everywhere.
                info = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey());
            }
            byte[] pkcs8 = info.getEncoded("DER");
            return new SuitePrivateKey(new SuitePublicKey(this, purpose, spki, pair.getPublic()), pkcs8, pair);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a freshly built key failed", e);
        }
    }

    abstract void checkPublic(KeyPurpose purpose, AsymmetricKeyParameter key);

    abstract AsymmetricKeyParameter derivePublic(KeyPurpose purpose, AsymmetricKeyParameter privateKey);

    /** Serializes a public key the way RFC 9180's SerializePublicKey does. */
    abstract byte[] serializeHpkePublic(AsymmetricKeyParameter key);

    /**
     * Encrypts to the recipient with HPKE single-shot Seal in base mode.
     *
     * @param recipient the recipient's encryption key
     * @param info application info bound into the key schedule
     * @param aad associated data authenticated with the ciphertext
     * @param plaintext the message
     * @return encapsulated key and ciphertext
     */
    public final HpkeCiphertext seal(SuitePublicKey recipient, byte[] info, byte[] aad, byte[] plaintext) {
        return seal(recipient, info, aad, plaintext, null);
    }

    final HpkeCiphertext seal(SuitePublicKey recipient, byte[] info, byte[] aad, byte[] plaintext,
            AsymmetricCipherKeyPair ephemeral) {
        requireKey(recipient.suite(), recipient.purpose(), KeyPurpose.ENCRYPTION);
        HPKE hpke = hpke();
        AsymmetricKeyParameter pkR = hpke.deserializePublicKey(serializeHpkePublic(recipient.parameter()));
        var ctx = ephemeral == null ? hpke.setupBaseS(pkR, info) : hpke.setupBaseS(pkR, info, ephemeral);
        try {
            return new HpkeCiphertext(ctx.getEncapsulation(), ctx.seal(aad, plaintext));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
    }

    /**
     * Decrypts with HPKE single-shot Open in base mode.
     *
     * @param recipient the recipient's private key
     * @param info application info
     * @param aad associated data
     * @param sealed encapsulated key and ciphertext
     * @return the plaintext
     * @throws VerificationException with {@link Failure#DECRYPTION_FAILED} if the key is wrong or anything was altered
     */
    public final byte[] open(SuitePrivateKey recipient, byte[] info, byte[] aad, HpkeCiphertext sealed) {
        requireKey(recipient.suite(), recipient.publicKey().purpose(), KeyPurpose.ENCRYPTION);
        HPKE hpke = hpke();
        try {
            return hpke.setupBaseR(sealed.enc(), recipient.keyPair(), info).open(aad, sealed.ciphertext());
        } catch (InvalidCipherTextException | RuntimeException e) {
            // BC signals a malformed enc with assorted runtime exceptions; all mean the same to us
            throw new VerificationException(Failure.DECRYPTION_FAILED,
                    "HPKE decryption failed: wrong private key, or ciphertext, enc or header altered", e);
        }
    }

    /**
     * @param signer the signing key
     * @param message the message
     * @return the signature in this suite's encoding
     */
    public final byte[] sign(SuitePrivateKey signer, byte[] message) {
        requireKey(signer.suite(), signer.publicKey().purpose(), KeyPurpose.SIGNING);
        return doSign(signer, message);
    }

    /**
     * @param signer the signer's public key
     * @param message the message
     * @param signature the signature to check
     * @return whether the signature is valid (malformed signatures are simply invalid)
     */
    public final boolean verify(SuitePublicKey signer, byte[] message, byte[] signature) {
        requireKey(signer.suite(), signer.purpose(), KeyPurpose.SIGNING);
        try {
            return doVerify(signer, message, signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    abstract byte[] doSign(SuitePrivateKey signer, byte[] message);

    abstract boolean doVerify(SuitePublicKey signer, byte[] message, byte[] signature);

    /**
     * @param parts octets to hash, concatenated
     * @return the SHA-256 digest
     */
    public byte[] digest(byte[]... parts) {
        return Sha256.digest(parts);
    }

    /** @return octets in a digest */
    public int digestLength() {
        return 32;
    }

    private void requireKey(CryptoSuite keySuite, KeyPurpose actual, KeyPurpose expected) {
        if (keySuite.id != id || actual != expected) {
            throw new IllegalArgumentException("suite " + name + " needs a " + expected.name().toLowerCase()
                    + " key of its own, got a " + actual.name().toLowerCase() + " key of " + keySuite.name);
        }
    }

    @Override
    public String toString() {
        return name + " (suite " + id + ")";
    }
}
