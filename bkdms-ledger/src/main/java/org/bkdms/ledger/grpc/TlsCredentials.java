package org.bkdms.ledger.grpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * What one end of a ledger connection needs for mutual TLS: its own private key and certificate
 * chain, and the CA certificates it trusts to have issued the other end's certificate. In BKDMS
 * that CA is the smart city platform's; sites, nodes, the platform and auditors all trust it and
 * nothing else, so the JDK's default trust store is never consulted.
 *
 * <p>The connection is TLS 1.3 only: every BKDMS component is new, so nothing needs older
 * versions, and TLS 1.3 has no renegotiation, no static-RSA key exchange and encrypts the client
 * certificate. The JDK provider is used on both ends. Certificate revocation is not checked; the
 * site registry's suspend and revoke are what stop a site, and a compromised certificate is
 * replaced by re-issuing the CA. Immutable.
 */
public final class TlsCredentials {
    /** The only protocol offered and accepted. */
    static final String PROTOCOL = "TLSv1.3";

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final List<X509Certificate> trusted;

    private TlsCredentials(PrivateKey privateKey, List<X509Certificate> chain, List<X509Certificate> trusted) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        this.trusted = List.copyOf(trusted);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        if (this.trusted.isEmpty()) {
            throw new IllegalArgumentException("no trusted CA certificate given");
        }
    }

    /**
     * @param privateKey this end's private key
     * @param chain its certificate first, then the intermediates (if any) up to, but not needing, the CA
     * @param trusted CA certificates that issue the other ends' certificates
     * @return the credentials
     */
    public static TlsCredentials of(PrivateKey privateKey, List<X509Certificate> chain, List<X509Certificate> trusted) {
        return new TlsCredentials(privateKey, chain, trusted);
    }

    /**
     * Reads the key and chain from a PKCS#12 keystore and the trusted CAs from a PEM file.
     *
     * @param keystore the PKCS#12 file
     * @param password its password, which also protects the key entry (the PKCS#12 convention)
     * @param alias the key entry's name, or {@code null} if the keystore holds exactly one key
     * @param trustedCaPem PEM file of one or more CA certificates
     * @return the credentials
     * @throws IOException if a file cannot be read or the password is wrong
     * @throws GeneralSecurityException if the keystore holds no such key, or a certificate is invalid
     *     or expired
     */
    public static TlsCredentials fromPkcs12(Path keystore, char[] password, String alias, Path trustedCaPem)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        String name = alias;
        if (name == null) {
            List<String> keys = new ArrayList<>();
            for (String a : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(a)) {
                    keys.add(a);
                }
            }
            if (keys.size() != 1) {
                throw new GeneralSecurityException("keystore " + keystore + " holds " + keys.size() + " keys " + keys
                        + "; name the one to use");
            }
            name = keys.get(0);
        }
        Key key = ks.getKey(name, password);
        if (!(key instanceof PrivateKey pk)) {
            throw new GeneralSecurityException("keystore " + keystore + " has no private key '" + name + "'");
        }
        Certificate[] certs = ks.getCertificateChain(name);
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : certs) {
            chain.add((X509Certificate) c);
        }
        return checked(new TlsCredentials(pk, chain, readCertificates(trustedCaPem)));
    }

    /**
     * Reads everything from PEM files (RFC 7468).
     *
     * @param privateKeyPem an unencrypted {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY}
     *     block; keep the file readable by the service only, or use PKCS#12
     * @param certificateChainPem this end's certificate first, then any intermediates
     * @param trustedCaPem one or more CA certificates
     * @return the credentials
     * @throws IOException if a file cannot be read or holds no key
     * @throws GeneralSecurityException if the key is encrypted or unsupported, or a certificate is
     *     invalid or expired
     */
    public static TlsCredentials fromPem(Path privateKeyPem, Path certificateChainPem, Path trustedCaPem)
            throws IOException, GeneralSecurityException {
        return checked(new TlsCredentials(readPrivateKey(privateKeyPem), readCertificates(certificateChainPem),
                readCertificates(trustedCaPem)));
    }

    /**
     * @param pem a file of one or more {@code CERTIFICATE} blocks
     * @return the certificates, in file order
     * @throws IOException if the file cannot be read
     * @throws GeneralSecurityException if it holds no certificate or an invalid one
     */
    public static List<X509Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException(pem + " holds no certificate");
        }
        return out;
    }

    private static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new GeneralSecurityException(pem + " holds an encrypted key; use an unencrypted PEM key"
                            + " or a PKCS#12 keystore");
                }
            }
        }
        throw new IOException(pem + " holds no private key");
    }

    private static TlsCredentials checked(TlsCredentials c) throws GeneralSecurityException {
        // fail at start-up with a clear message rather than with a handshake alert at the peer
        c.certificate().checkValidity();
        return c;
    }

    /** @return this end's private key */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return this end's certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return this end's certificate chain, its own certificate first */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** @return the CA certificates trusted for the other end */
    public List<X509Certificate> trustedCertificates() {
        return trusted;
    }

    /** @return a TLS 1.3 server context that requires a client certificate from a trusted CA */
    SslContext serverContext() throws IOException {
        SslContextBuilder b = SslContextBuilder.forServer(privateKey, chain.toArray(X509Certificate[]::new));
        return GrpcSslContexts.configure(b, SslProvider.JDK)
                .trustManager(trusted.toArray(X509Certificate[]::new))
                .clientAuth(ClientAuth.REQUIRE)
                .protocols(PROTOCOL)
                .build();
    }

    /** @return a TLS 1.3 client context that presents this end's certificate */
    SslContext clientContext() throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient().keyManager(privateKey, chain.toArray(X509Certificate[]::new));
        return GrpcSslContexts.configure(b, SslProvider.JDK)
                .trustManager(trusted.toArray(X509Certificate[]::new))
                .protocols(PROTOCOL)
                .build();
    }

    @Override
    public String toString() {
        // never the key
        return "TlsCredentials{" + certificate().getSubjectX500Principal().getName() + ", trusting "
                + trusted.stream().map(c -> c.getSubjectX500Principal().getName()).toList() + "}";
    }
}
