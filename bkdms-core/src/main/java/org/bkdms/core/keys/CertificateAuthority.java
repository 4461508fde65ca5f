package org.bkdms.core.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.record.SiteId;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The certificate authority that issues the TLS certificates of sites, nodes and platform
 * (DESIGN.md: site certificates are issued by the platform's CA and bound to the site's registry
 * entry). Certificates carry the peer's role as the subject's OU ({@code site}, {@code node},
 * {@code platform}, {@code auditor}) and, for sites, the Y.4907 Site ID as the only iPAddress
 * SubjectAltName. Keys are ECDSA P-256, which every TLS 1.3 stack supports.
 */
public final class CertificateAuthority {
    /** Keystore alias of the CA's own key and certificate. */
    public static final String ALIAS = "ca";
    /** Keystore alias of an issued TLS key and certificate chain. */
    public static final String TLS_ALIAS = "tls";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /**
     * A certificate issued by this CA with its private key.
     *
     * @param privateKey the holder's private key
     * @param chain the holder's certificate, then the CA's
     */
    public record Issued(PrivateKey privateKey, List<X509Certificate> chain) {
        /**
         * Copies the chain.
         *
         * @param privateKey see {@link #privateKey()}
         * @param chain see {@link #chain()}
         */
        public Issued {
            Objects.requireNonNull(privateKey, "privateKey");
            chain = List.copyOf(chain);
        }
    }

    /**
     * @param name the CA's common name
     * @param validity how long the CA certificate is valid
     * @return a new CA with a fresh key
     * @throws GeneralSecurityException if the JDK lacks P-256 ECDSA
     */
    public static CertificateAuthority create(String name, Duration validity) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        X500Name subject = name(name, "ca");
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(pair.getPrivate(), sign(b, pair.getPrivate()));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * @param keystore a CA keystore written by {@link #save}
     * @param password its password
     * @return the CA
     * @throws IOException if the file cannot be read or the password is wrong
     * @throws GeneralSecurityException if the keystore holds no CA
     */
    public static CertificateAuthority load(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        if (!(ks.getKey(ALIAS, password) instanceof PrivateKey k) || !(ks.getCertificate(ALIAS) instanceof X509Certificate c)) {
            throw new GeneralSecurityException(keystore + " holds no CA entry '" + ALIAS + "'");
        }
        return new CertificateAuthority(k, c);
    }

    /**
     * Writes the CA's key and certificate to a new PKCS#12 keystore, atomically.
     *
     * @param keystore target file
     * @param password its password
     * @throws IOException if writing fails
     * @throws GeneralSecurityException if the key cannot be stored
     */
    public void save(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key, password, new java.security.cert.Certificate[] {certificate});
        Path tmp = Files.createTempFile(keystore.toAbsolutePath().getParent(), keystore.getFileName().toString(), ".tmp");
        try {
            try (var out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, keystore, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return the CA certificate, which peers trust */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a TLS certificate for a peer.
     *
     * @param commonName the peer's name
     * @param role {@code site}, {@code node}, {@code platform} or {@code auditor}
     * @param site for sites, the Site ID to bind as the iPAddress SubjectAltName; otherwise {@code null}
     * @param ipAddresses further IP addresses the peer serves on (nodes), as literals
     * @param dnsNames DNS names the peer serves on (nodes)
     * @param validity how long the certificate is valid
     * @return the peer's new key and certificate chain
     * @throws GeneralSecurityException if issuing fails
     */
    public Issued issue(String commonName, String role, SiteId site, List<String> ipAddresses, List<String> dnsNames,
            Duration validity) throws GeneralSecurityException {
        if (!List.of("site", "node", "platform", "auditor").contains(role)) {
            throw new IllegalArgumentException("role must be site, node, platform or auditor: " + role);
        }
        if (role.equals("site") != (site != null)) {
            throw new IllegalArgumentException("a site certificate, and only a site certificate, names a Site ID");
        }
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name(commonName, role),
                    pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            List<GeneralName> names = new ArrayList<>();
            if (site != null) {
                names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(site.address())));
            }
            for (String ip : ipAddresses) {
                names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(SiteId.parse(ip).address())));
            }
            for (String dns : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, dns));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new Issued(pair.getPrivate(), List.of(sign(b, key), certificate));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue a certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param certificates certificates to write
     * @return them as PEM text
     */
    public static String toPem(List<X509Certificate> certificates) {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            for (X509Certificate c : certificates) {
                w.writeObject(new PemObject("CERTIFICATE", c.getEncoded()));
            }
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }

    /**
     * @param path file to write
     * @param certificates certificates to write as PEM
     * @throws IOException if writing fails
     */
    public static void writePem(Path path, List<X509Certificate> certificates) throws IOException {
        Files.writeString(path, toPem(certificates), StandardCharsets.US_ASCII);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X500Name name(String commonName, String role) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).addRDN(BCStyle.OU, role)
                .addRDN(BCStyle.O, "BKDMS").build();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).setBit(62);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(signer)));
    }
}
