package org.bkdms.ledger.grpc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: ECDSA P-256 keys, a self-signed CA, and leaf
 * certificates in the shape the ledger's identity scheme expects (role in OU, Site ID in an
 * iPAddress SubjectAltName).
 */
final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and the certificate the CA issued for it. */
    record Issued(KeyPair keys, X509Certificate certificate, TestPki issuer) {
        /**
         * @param trusted the CA whose certificates the other end presents
         * @return credentials for one end of a connection
         */
        TlsCredentials credentials(TestPki trusted) {
            return TlsCredentials.of(keys.getPrivate(), List.of(certificate, issuer.certificate), List.of(trusted.certificate));
        }

        /** @return credentials trusting this certificate's own CA */
        TlsCredentials credentials() {
            return credentials(issuer);
        }
    }

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final X500Name name;

    private TestPki(String cn) throws GeneralSecurityException, IOException {
        this.keys = newKeyPair();
        this.name = new X500Name("CN=" + cn + ",O=BKDMS test");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        this.certificate = sign(b, keys);
    }

    /**
     * @param cn the CA's common name
     * @return a new CA
     */
    static TestPki create(String cn) {
        try {
            return new TestPki(cn);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the CA certificate */
    X509Certificate certificate() {
        return certificate;
    }

    /** @return a node's server (and client) certificate for localhost and 127.0.0.1 */
    Issued node() {
        return issue("CN=node-1,OU=node,O=BKDMS test", List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }

    /**
     * @param address the Site ID as an address literal
     * @return a sampling site's certificate
     */
    Issued site(String address) {
        return issue("CN=site " + address.replace(':', '-') + ",OU=site,O=BKDMS test",
                List.of(new GeneralName(GeneralName.iPAddress, address)));
    }

    /** @return the smart city platform's certificate */
    Issued platform() {
        return issue("CN=platform,OU=platform,O=BKDMS test", List.of());
    }

    /** @return an auditor's certificate */
    Issued auditor() {
        return issue("CN=auditor,OU=auditor,O=BKDMS test", List.of());
    }

    /**
     * @param subject the subject DN, with or without an OU
     * @param altNames SubjectAltName entries (none: no extension)
     * @return a certificate valid for TLS client and server use
     */
    Issued issue(String subject, List<GeneralName> altNames) {
        try {
            KeyPair leaf = newKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject),
                    leaf.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leaf.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (!altNames.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            return new Issued(leaf, sign(b, keys), this);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param dir where to write
     * @param leaf the key and certificate to store
     * @param password keystore and entry password
     * @return a PKCS#12 file with one key entry and its chain
     */
    Path writePkcs12(Path dir, Issued leaf, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", leaf.keys().getPrivate(), password, new Certificate[] {leaf.certificate(), certificate});
        Path p = Files.createTempFile(dir, "tls", ".p12");
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, password);
        }
        return p;
    }

    /**
     * @param dir where to write
     * @param leaf the key to write
     * @return a PEM file holding the key as unencrypted PKCS#8
     */
    static Path writeKeyPem(Path dir, Issued leaf) throws IOException {
        Path p = Files.createTempFile(dir, "key", ".pem");
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(leaf.keys().getPrivate(), null));
        }
        return p;
    }

    /**
     * @param dir where to write
     * @param certificates certificates, in order
     * @return a PEM file holding them
     */
    static Path writeCertificatesPem(Path dir, List<X509Certificate> certificates) throws IOException {
        Path p = Files.createTempFile(dir, "certs", ".pem");
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (X509Certificate c : new ArrayList<>(certificates)) {
                pem.writeObject(c);
            }
        }
        return p;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(signer.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
