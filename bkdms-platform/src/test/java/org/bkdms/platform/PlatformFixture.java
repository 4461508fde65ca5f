package org.bkdms.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.testing.PostgresTestServer;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.platform.store.DatabaseConfig;

/**
 * A small world for platform tests, all real: a certificate authority, a ledger node in this JVM
 * behind its gRPC server with mutual TLS, two registered sampling sites, and a platform keystore
 * (admin, encryption and TLS keys). Tests then start a {@link SmartCityPlatform} against it.
 */
public final class PlatformFixture implements AutoCloseable {
    /** The fixture's chain id. */
    public static final String CHAIN_ID = "bkdms://127.0.0.1/platform-test";
    /** Keystore password of every keystore made here. */
    public static final char[] PASSWORD = "platform-fixture-password".toCharArray();

    /** Which database a test runs against. */
    public enum Db {
        /** Embedded H2 in a file. */
        H2,
        /** A real PostgreSQL server ({@link PostgresTestServer}). */
        POSTGRES
    }

    /** The fixture's directory. */
    public final Path dir;
    /** The crypto suites. */
    public final CryptoSuites suites = CryptoSuites.standard();
    /** The default suite. */
    public final CryptoSuite suite = suites.defaultSuite();
    /** The platform admin key. */
    public final SuitePrivateKey admin = suite.generate(KeyPurpose.SIGNING);
    /** The node's block-signing key. */
    public final SuitePrivateKey nodeKey = suite.generate(KeyPurpose.SIGNING);
    /** The platform encryption key of genesis. */
    public final SuitePrivateKey platformKey = suite.generate(KeyPurpose.ENCRYPTION);
    /** Site A (IPv4). */
    public final SiteId siteA = SiteId.parse("10.20.0.7");
    /** Site B (IPv6). */
    public final SiteId siteB = SiteId.parse("2001:db8::17");
    /** Site A's signing key. */
    public final SuitePrivateKey siteAKey = suite.generate(KeyPurpose.SIGNING);
    /** Site B's signing key. */
    public final SuitePrivateKey siteBKey = suite.generate(KeyPurpose.SIGNING);
    /** The certificate authority. */
    public final CertificateAuthority ca;
    /** The CA certificate as PEM. */
    public final Path caPem;
    /** The platform keystore (admin, encryption, tls). */
    public final Path platformKeystore;
    private final CertificateAuthority.Issued nodeTls;
    private final CertificateAuthority.Issued siteATls;
    private final CertificateAuthority.Issued siteBTls;
    private LedgerNode node;
    private LedgerServer server;

    /**
     * Makes the PKI and the platform keystore (no node yet).
     *
     * @param dir a fresh directory
     * @throws Exception if key material cannot be made
     */
    public PlatformFixture(Path dir) throws Exception {
        this.dir = dir;
        ca = CertificateAuthority.create("test platform CA", Duration.ofDays(2));
        caPem = dir.resolve("ca.pem");
        CertificateAuthority.writePem(caPem, List.of(ca.certificate()));
        nodeTls = ca.issue("node-1", "node", null, List.of("127.0.0.1"), List.of("localhost"), Duration.ofDays(1));
        siteATls = ca.issue("site a", "site", siteA, List.of(), List.of(), Duration.ofDays(1));
        siteBTls = ca.issue("site b", "site", siteB, List.of(), List.of(), Duration.ofDays(1));
        CertificateAuthority.Issued platformTls = ca.issue("platform", "platform", null, List.of("127.0.0.1"),
                List.of("localhost"), Duration.ofDays(1));
        KeyStoreFile ks = KeyStoreFile.empty(suites);
        ks.putPrivateKey(KeyAliases.PLATFORM_ADMIN, admin, "platform admin", null, PASSWORD);
        ks.putPrivateKey(KeyAliases.PLATFORM_ENCRYPTION, platformKey, "platform encryption", admin, PASSWORD);
        ks.putTlsKey(CertificateAuthority.TLS_ALIAS, platformTls.privateKey(), platformTls.chain(), PASSWORD);
        platformKeystore = dir.resolve("platform.p12");
        ks.save(platformKeystore, PASSWORD);
    }

    /** @return genesis: establish, deploy, publish the platform key, register sites A and B */
    public List<LedgerTransaction> genesis() {
        return GenesisBuilder.signedBy(admin).issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .node("node-1", nodeKey.publicKey())
                .contracts(new AdminAction.DeployContracts(1, 64 * 1024, 1_000_000, 60, 1000, List.of(1, 2)))
                .platformKey(platformKey.publicKey())
                .site(siteA, "Trondheim air quality", siteAKey.publicKey())
                .site(siteB, "Hangzhou air quality", siteBKey.publicKey())
                .build();
    }

    /**
     * Starts (or restarts) the node on its block log in {@code dir/node}.
     *
     * @return the port it listens on
     * @throws IOException if the node cannot start
     */
    public int startNode() throws IOException {
        return startNode(0);
    }

    /**
     * Starts (or restarts) the node on its block log in {@code dir/node}.
     *
     * @param port the port to listen on, 0 for any
     * @return the port it listens on
     * @throws IOException if the node cannot start
     */
    public int startNode(int port) throws IOException {
        node = LedgerNode.open(FileBlockLog.open(dir.resolve("node")), new ContractState(suites, KpiCatalogue.u4ssc()),
                new SoloOrderer.Settings(CHAIN_ID, "node-1", nodeKey, Duration.ofMillis(20), 1000, 8L << 20, Clock.systemUTC()));
        node.initialize(genesis());
        server = LedgerServer.newBuilder().node(node).address("127.0.0.1", port)
                .credentials(TlsCredentials.of(nodeTls.privateKey(), nodeTls.chain(), List.of(ca.certificate()))).build().start();
        return server.port();
    }

    /**
     * Starts another node of another chain with the same genesis (admin, platform key, sites) and
     * the same CA, as a second blockchain platform the one smart city platform follows.
     *
     * @param chainId the other chain's id
     * @param directory its block log directory
     * @return the node and its running server (close the server, then the node)
     * @throws IOException if it cannot start
     */
    public Map.Entry<LedgerNode, LedgerServer> startOtherChain(String chainId, Path directory) throws IOException {
        LedgerNode other = LedgerNode.open(FileBlockLog.open(directory), new ContractState(suites, KpiCatalogue.u4ssc()),
                new SoloOrderer.Settings(chainId, "node-1", nodeKey, Duration.ofMillis(20), 1000, 8L << 20, Clock.systemUTC()));
        other.initialize(genesis());
        LedgerServer otherServer = LedgerServer.newBuilder().node(other).address("127.0.0.1", 0)
                .credentials(TlsCredentials.of(nodeTls.privateKey(), nodeTls.chain(), List.of(ca.certificate()))).build().start();
        return Map.entry(other, otherServer);
    }

    /**
     * @param site A or B
     * @param port the node's port
     * @return a ledger client with that site's certificate, to the node on that port
     */
    public LedgerClient siteClient(SiteId site, int port) {
        CertificateAuthority.Issued tls = site.equals(siteA) ? siteATls : siteBTls;
        return LedgerClient.newBuilder().target("127.0.0.1", port)
                .credentials(TlsCredentials.of(tls.privateKey(), tls.chain(), List.of(ca.certificate()))).build();
    }

    /**
     * Stops the node (its block log stays).
     *
     * @throws IOException if the block log cannot be closed
     */
    public void stopNode() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (node != null) {
            node.close();
            node = null;
        }
    }

    /** @return the running node */
    public LedgerNode node() {
        return node;
    }

    /** @return the node's port */
    public int port() {
        return server.port();
    }

    /**
     * @param site A or B
     * @return a ledger client with that site's certificate
     */
    public LedgerClient siteClient(SiteId site) {
        CertificateAuthority.Issued tls = site.equals(siteA) ? siteATls : siteBTls;
        return LedgerClient.newBuilder().target("127.0.0.1", port())
                .credentials(TlsCredentials.of(tls.privateKey(), tls.chain(), List.of(ca.certificate()))).build();
    }

    /**
     * @param site the site
     * @param sequence its sequence number
     * @param value the PM10 value
     * @return a record of that site
     */
    public UnifiedKpiRecord record(SiteId site, long sequence, String value) {
        return new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"), site,
                Instant.parse("2026-06-30T12:00:00Z").plusSeconds(60 * sequence),
                KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3,
                        Map.of("pm_10", KpiValue.of(value), "pm_2.5", KpiValue.of("6.80"))),
                Extending.empty().withSequenceNumber(sequence));
    }

    /**
     * @param site the site
     * @param sequence its sequence number
     * @param record the record to seal
     * @param encryptTo the platform key to encrypt to
     * @return the signed submission
     */
    public LedgerTransaction submission(SiteId site, long sequence, UnifiedKpiRecord record, SuitePublicKey encryptTo) {
        SuitePrivateKey key = site.equals(siteA) ? siteAKey : siteBKey;
        byte[] packet = new PacketSealer(encryptTo, key).seal(record).encoded();
        return LedgerTransaction.sign(new KpiSubmission(site, sequence, Instant.now(), packet), key);
    }

    /**
     * Submits a valid record through the site's client and checks that it committed.
     *
     * @param client the site's client
     * @param site the site
     * @param sequence its sequence number
     * @return the result
     */
    public SubmitResult submit(LedgerClient client, SiteId site, long sequence) {
        SubmitResult r = client.submit(submission(site, sequence, record(site, sequence, "14." + sequence),
                platformKey.publicKey()));
        if (r.status() != SubmitResult.Status.COMMITTED) {
            throw new IllegalStateException("submission " + site + "/" + sequence + " not committed: " + r);
        }
        return r;
    }

    /**
     * @param db which database
     * @return a fresh, empty database of that kind
     */
    public DatabaseConfig database(Db db) {
        if (db == Db.H2) {
            return DatabaseConfig.h2File(dir.resolve("db-" + System.nanoTime()).resolve("platform"));
        }
        PostgresTestServer pg = PostgresTestServer.shared();
        return new DatabaseConfig(pg.createDatabase(), pg.user(), pg.password(), 4);
    }

    /**
     * @param api the API settings, or {@code null} for none
     * @return a platform configuration following the fixture's node
     */
    public PlatformConfig config(PlatformConfig.Api api) {
        return new PlatformConfig(platformKeystore, caPem, dir.resolve("platform-data"), null,
                List.of(new PlatformConfig.Ledger(CHAIN_ID, "127.0.0.1:" + port(), null)), api, 64);
    }

    /**
     * @param db the database
     * @param api the API settings, or {@code null}
     * @return a started platform following the node
     * @throws IOException if it cannot start
     * @throws GeneralSecurityException if a key is unusable
     * @throws java.sql.SQLException if the database fails
     */
    public SmartCityPlatform startPlatform(DatabaseConfig db, PlatformConfig.Api api) throws IOException,
            GeneralSecurityException, java.sql.SQLException {
        return SmartCityPlatform.newBuilder().config(config(api)).password(PASSWORD).database(db).start();
    }

    /**
     * @return a file with the keystore password
     * @throws IOException if it cannot be written
     */
    public Path passwordFile() throws IOException {
        Path p = dir.resolve("password");
        Files.writeString(p, new String(PASSWORD) + "\n");
        return p;
    }

    @Override
    public void close() throws IOException {
        stopNode();
    }
}
