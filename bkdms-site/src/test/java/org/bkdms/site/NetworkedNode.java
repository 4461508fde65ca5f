package org.bkdms.site;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;

/**
 * A ledger node as a site meets it in production: a file block log that forces every block to
 * disk, behind the gRPC API with mutual TLS 1.3, certificates from a real platform CA. The genesis
 * is the fixture's.
 */
final class NetworkedNode implements AutoCloseable {
    final LedgerFixture fixture;
    final LedgerNode node;
    final LedgerServer server;
    private final CertificateAuthority ca;

    NetworkedNode(Path dataDir, LedgerFixture fixture, Duration blockPeriod) throws IOException, GeneralSecurityException {
        this.fixture = fixture;
        this.ca = CertificateAuthority.create("BKDMS test platform CA", Duration.ofDays(1));
        node = LedgerNode.open(FileBlockLog.open(dataDir), fixture.newState(), new SoloOrderer.Settings(LedgerFixture.CHAIN_ID,
                LedgerFixture.NODE_ID, fixture.node, blockPeriod, 10_000, 8 << 20, Clock.systemUTC()));
        node.initialize(fixture.genesis());
        CertificateAuthority.Issued nodeCert = ca.issue("node-1", "node", null, List.of("127.0.0.1"), List.of("localhost"),
                Duration.ofDays(1));
        server = LedgerServer.newBuilder().node(node).address("127.0.0.1", 0)
                .credentials(TlsCredentials.of(nodeCert.privateKey(), nodeCert.chain(), List.of(ca.certificate())))
                .shutdownTimeout(Duration.ofSeconds(2)).build().start();
    }

    /**
     * @param site the site the client's certificate names
     * @return a client authenticated as that site
     * @throws GeneralSecurityException if the certificate cannot be issued
     */
    LedgerClient siteClient(SiteId site) throws GeneralSecurityException {
        return client(ca.issue("site " + site, "site", site, List.of(), List.of(), Duration.ofDays(1)));
    }

    /**
     * @return a client authenticated as the smart city platform
     * @throws GeneralSecurityException if the certificate cannot be issued
     */
    LedgerClient platformClient() throws GeneralSecurityException {
        return client(ca.issue("platform", "platform", null, List.of(), List.of(), Duration.ofDays(1)));
    }

    private LedgerClient client(CertificateAuthority.Issued cert) {
        return LedgerClient.newBuilder().target("127.0.0.1", server.port())
                .credentials(TlsCredentials.of(cert.privateKey(), cert.chain(), List.of(ca.certificate())))
                .deadline(Duration.ofSeconds(30)).build();
    }

    @Override
    public void close() throws IOException {
        server.close();
        node.close();
    }
}
