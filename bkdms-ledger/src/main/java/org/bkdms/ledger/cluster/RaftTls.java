package org.bkdms.ledger.cluster;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.bkdms.ledger.grpc.PeerIdentity;
import org.bkdms.ledger.grpc.PeerRole;
import org.bkdms.ledger.grpc.TlsCredentials;

/**
 * TLS 1.3 with mutual authentication for the Raft transport between nodes, from the node's own
 * credentials. Besides chaining to the trusted CA, the other end's certificate MUST be of role
 * {@code node}: a site or platform certificate from the same CA is refused at the handshake, so
 * only nodes can speak Raft to each other.
 */
final class RaftTls {
    private static final char[] EPHEMERAL = "in-memory".toCharArray();

    private RaftTls() {
    }

    /**
     * @param tls the node's credentials
     * @return the Ratis gRPC TLS configuration
     * @throws IOException if the credentials cannot be turned into key and trust managers
     */
    static GrpcTlsConfig config(TlsCredentials tls) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("tls", tls.privateKey(), EPHEMERAL, tls.certificateChain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, EPHEMERAL);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            List<X509Certificate> cas = tls.trustedCertificates();
            for (int i = 0; i < cas.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            X509ExtendedTrustManager jdk = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    jdk = x;
                }
            }
            if (jdk == null) {
                throw new IOException("the JDK offers no X509ExtendedTrustManager");
            }
            return GrpcTlsConfig.newBuilder().setKeyManager(kmf.getKeyManagers()[0]).setTrustManager(new NodesOnly(jdk))
                    .setMutualTls(true).setProtocols("TLSv1.3").build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the node's TLS credentials for Raft: " + e.getMessage(), e);
        }
    }

    /** Trusts what the JDK trusts, and only certificates of role node. */
    static final class NodesOnly extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        NodesOnly(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        static void requireNode(X509Certificate[] chain) throws CertificateException {
            PeerIdentity peer;
            try {
                peer = PeerIdentity.fromCertificate(chain[0]);
            } catch (RuntimeException e) {
                throw new CertificateException("certificate names no BKDMS role: " + e.getMessage(), e);
            }
            if (peer.role() != PeerRole.NODE) {
                throw new CertificateException("only nodes may join the Raft transport, not " + peer);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
            requireNode(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            requireNode(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
            requireNode(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            requireNode(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
            requireNode(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            requireNode(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
