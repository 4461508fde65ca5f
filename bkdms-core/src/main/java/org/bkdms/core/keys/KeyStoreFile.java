package org.bkdms.core.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A PKCS#12 keystore file holding BKDMS keys. Each private key is stored with a certificate whose
 * KeyUsage says what the key is for (digitalSignature for signing keys, keyAgreement for
 * encryption keys); public keys of others (the platform's encryption key at a site, say) are
 * stored as trusted certificate entries.
 *
 * <p>The JDK's PKCS12 implementation encrypts entries with PBES2/AES-256 and protects integrity
 * with HMAC-SHA256. The file is written to a temporary file and moved into place, so a crash never
 * leaves a half-written keystore. Instances are not thread-safe.
 */
public final class KeyStoreFile {
    private static final String TYPE = "PKCS12";

    private final KeyStore store;
    private final CryptoSuites suites;

    private KeyStoreFile(KeyStore store, CryptoSuites suites) {
        this.store = store;
        this.suites = suites;
    }

    /**
     * @param suites the suites keys may belong to
     * @return an empty keystore, not yet written anywhere
     */
    public static KeyStoreFile empty(CryptoSuites suites) {
        try {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(null, null);
            return new KeyStoreFile(ks, suites);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK has no PKCS12 keystore", e);
        }
    }

    /**
     * @param path keystore file
     * @param password its password
     * @param suites the suites keys may belong to
     * @return the keystore
     * @throws IOException if the file cannot be read, or the password is wrong (the JDK reports both as I/O)
     * @throws GeneralSecurityException if the file is not a valid PKCS#12 keystore
     */
    public static KeyStoreFile load(Path path, char[] password, CryptoSuites suites)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password);
        }
        return new KeyStoreFile(ks, suites);
    }

    /**
     * Writes the keystore atomically (temporary file, then rename).
     *
     * @param path target file
     * @param password password protecting keys and file
     * @throws IOException if writing fails
     */
    public void save(Path path, char[] password) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write keystore " + path + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Stores a private key with a certificate for it. Signing keys certify themselves; an
     * encryption key is certified by {@code issuer}, which must be a signing key of the same suite.
     *
     * @param alias entry name
     * @param key the private key
     * @param subject common name to put in the certificate
     * @param issuer signing key that certifies {@code key}, or {@code null} for a self-signed signing key
     * @param password password protecting the entry
     * @return the certificate stored with the key
     */
    public X509Certificate putPrivateKey(String alias, SuitePrivateKey key, String subject, SuitePrivateKey issuer,
            char[] password) {
        KeyPurpose purpose = key.publicKey().purpose();
        SuitePrivateKey signer = issuer == null ? key : issuer;
        if (signer.publicKey().purpose() != KeyPurpose.SIGNING) {
            throw new IllegalArgumentException(purpose == KeyPurpose.ENCRYPTION
                    ? "an encryption key needs a signing key to certify it" : "the issuer must be a signing key");
        }
        X509Certificate cert = certificate(key.publicKey(), subject, signer, issuer == null ? subject : "issuer");
        try {
            store.setKeyEntry(alias, toJca(key), password, new Certificate[] {cert});
            return cert;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store key " + alias + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a TLS private key with its certificate chain (issued by a {@link CertificateAuthority}).
     *
     * @param alias entry name, usually {@value CertificateAuthority#TLS_ALIAS}
     * @param key the private key
     * @param chain the holder's certificate first, then the issuers'
     * @param password password protecting the entry
     */
    public void putTlsKey(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store TLS key " + alias + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores someone else's public key as a trusted certificate entry.
     *
     * @param alias entry name
     * @param certificate certificate of the key
     */
    public void putCertificate(String alias, X509Certificate certificate) {
        try {
            store.setCertificateEntry(alias, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store certificate " + alias, e);
        }
    }

    /** @return entry names, sorted */
    public List<String> aliases() {
        try {
            List<String> out = new ArrayList<>(Collections.list(store.aliases()));
            Collections.sort(out);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param alias entry name
     * @return whether the entry holds a private key
     */
    public boolean isPrivateKey(String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param alias entry name of a private key
     * @param password the entry's password
     * @return the key, bound to its suite and purpose
     * @throws GeneralSecurityException if the entry is missing, the password wrong, or the key unsupported
     */
    public SuitePrivateKey privateKey(String alias, char[] password) throws GeneralSecurityException {
        Key key = store.getKey(alias, password);
        if (!(key instanceof PrivateKey pk)) {
            throw new GeneralSecurityException("keystore has no private key '" + alias + "' (entries: " + aliases() + ")");
        }
        X509Certificate cert = certificate(alias);
        CryptoSuite suite = KeyAlgorithms.suiteOf(suites, cert.getPublicKey().getEncoded());
        return suite.privateKey(purposeOf(cert), pk.getEncoded());
    }

    /**
     * @param alias entry name of any entry
     * @return the public key of the entry's certificate
     * @throws GeneralSecurityException if the entry is missing or the key unsupported
     */
    public SuitePublicKey publicKey(String alias) throws GeneralSecurityException {
        X509Certificate cert = certificate(alias);
        byte[] spki = cert.getPublicKey().getEncoded();
        return KeyAlgorithms.suiteOf(suites, spki).publicKey(purposeOf(cert), spki);
    }

    /**
     * @param alias entry name
     * @return the certificate of the entry
     * @throws GeneralSecurityException if there is no such entry
     */
    public X509Certificate certificate(String alias) throws GeneralSecurityException {
        Certificate c = store.getCertificate(alias);
        if (!(c instanceof X509Certificate x)) {
            throw new GeneralSecurityException("keystore has no entry '" + alias + "' (entries: " + aliases() + ")");
        }
        return x;
    }

    private static KeyPurpose purposeOf(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        // KeyUsage bit 4 is keyAgreement (RFC 5280 4.2.1.3)
        return usage != null && usage.length > 4 && usage[4] ? KeyPurpose.ENCRYPTION : KeyPurpose.SIGNING;
    }

    /**
     * @param key a BKDMS public key
     * @return the same key as a JCA object
     * @throws GeneralSecurityException if the JDK lacks the algorithm
     */
    public static PublicKey toJca(SuitePublicKey key) throws GeneralSecurityException {
        byte[] spki = key.subjectPublicKeyInfo();
        return KeyFactory.getInstance(KeyAlgorithms.jcaKeyAlgorithm(spki)).generatePublic(new X509EncodedKeySpec(spki));
    }

    private static PrivateKey toJca(SuitePrivateKey key) throws GeneralSecurityException {
        String alg = KeyAlgorithms.jcaKeyAlgorithm(key.publicKey().subjectPublicKeyInfo());
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(key.pkcs8()));
    }

    private static X509Certificate certificate(SuitePublicKey subjectKey, String subject, SuitePrivateKey signer,
            String issuerName) {
        Objects.requireNonNull(subject, "subject");
        try {
            X500Name subjectName = new X500Name("CN=" + escape(subject) + ",O=BKDMS");
            X500Name issuer = signer.publicKey() == subjectKey ? subjectName
                    : new X500Name("CN=" + escape(signer.keyId().toString()) + ",O=BKDMS");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer,
                    new BigInteger(64, new java.security.SecureRandom()).setBit(63), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(3650))), subjectName,
                    SubjectPublicKeyInfo.getInstance(subjectKey.subjectPublicKeyInfo()));
            boolean encryption = subjectKey.purpose() == KeyPurpose.ENCRYPTION;
            b.addExtension(Extension.keyUsage, true, new KeyUsage(encryption ? KeyUsage.keyAgreement
                    : KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            var contentSigner = new JcaContentSignerBuilder(signer.suite().jcaSignatureAlgorithm()).build(toJca(signer));
            return new JcaX509CertificateConverter().getCertificate(b.build(contentSigner));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build certificate for " + issuerName + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String cn) {
        return cn.replaceAll("([,+=\"\\\\<>;#])", "\\\\$1");
    }
}
