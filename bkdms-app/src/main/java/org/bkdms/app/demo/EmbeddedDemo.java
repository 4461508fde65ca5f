package org.bkdms.app.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.analysis.quality.CityQuality;
import org.bkdms.analysis.quality.ObservationValidator;
import org.bkdms.analysis.quality.QualityAnalyzer;
import org.bkdms.analysis.quality.QualityConfig;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.keys.SecretFile;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.cluster.LocalCluster;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.node.NodeStatus;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.api.Role;
import org.bkdms.platform.api.Users;
import org.bkdms.platform.extraction.ChainFollower;
import org.bkdms.platform.query.QueryService;
import org.bkdms.site.SamplingSite;
import org.bkdms.site.SiteConfig;

/**
 * The whole BKDMS system in one JVM on the embedded default, for {@code bkdms demo}: a certificate
 * authority, a ledger node (or an Apache Ratis cluster of several), the smart city platform on
 * embedded H2 and one sampling site per site of the shipped sample, every role talking to the
 * ledger over gRPC with mutual TLS 1.3 on loopback, exactly as separate processes would.
 *
 * <p>Everything lives under the data directory, so a second run finds the keys, the chain, the
 * site stores and the platform database again and adds nothing twice (the sites' folder
 * checkpoints and the chain's replay protection see to that). Keystores share one password that
 * is generated into an owner-only file and never printed. A cluster's node keys exist only in
 * memory ({@link LocalCluster}), so a demo with several nodes always starts over.
 *
 * <p>Lifecycle: {@link #open(Options, PrintWriter)} sets everything up and starts the platform,
 * {@link #run()} lets the sites collect and upload until the platform has stored all they sealed,
 * {@link #close()} stops every role. Not thread-safe.
 */
public final class EmbeddedDemo implements AutoCloseable {
    /** Chain ID of the demo's blockchain platform. */
    public static final String CHAIN_ID = "bkdms://127.0.0.1/demo";
    /** Name of the file holding the keystore password. */
    public static final String PASSWORD_FILE = "keystore-password";
    /** Name of the file holding the dashboard password of user {@code demo}. */
    public static final String DEMO_PASSWORD_FILE = "demo-password";
    private static final String MARKER = ".bkdms-demo";
    /**
     * Held so that the levels set on them stay (java.util.logging keeps loggers weakly): the demo
     * prints its own progress, so the roles' routine INFO lines (migrations, starts) would only bury it.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("org.flywaydb"), java.util.logging.Logger.getLogger("org.apache.ratis"),
            java.util.logging.Logger.getLogger("org.bkdms.site"), java.util.logging.Logger.getLogger("org.bkdms.platform"),
            java.util.logging.Logger.getLogger("org.bkdms.ledger"), java.util.logging.Logger.getLogger("com.zaxxer.hikari"));
    /** The sample's year; its mappings date records in UTC, the calendar the analysis lays its periods out in. */
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"));

    /**
     * How to run the demo.
     *
     * @param dataDir where everything lives
     * @param nodes ledger nodes; more than one runs a Ratis cluster in this JVM
     * @param fresh whether to delete an earlier run's data first
     * @param serve whether the platform serves its HTTPS API (and dashboard)
     * @param blockPeriod the processing time period of the ledger
     * @param timeout how long {@link #run()} waits for the platform to store everything
     * @param sample a sample directory in the layout of {@code samples/demo/} to use instead of the
     *     shipped one when the data directory has none yet, or {@code null}
     */
    public record Options(Path dataDir, int nodes, boolean fresh, boolean serve, Duration blockPeriod, Duration timeout,
            Path sample) {
    }

    /**
     * What the demo did, counted over the whole data directory (earlier runs included).
     *
     * @param sites sampling sites
     * @param expected records the sample makes (one per data row)
     * @param sealed records the sites sealed into packets
     * @param committed packets the sites saw committed, with a verified inclusion proof
     * @param stored Table 10-3 rows the platform stored
     * @param verified stored rows whose packet verified, decrypted and matched its signed digest
     * @param blocks blocks on the chain
     * @param siteRejections rows the sites quarantined, by reason
     * @param ledgerRejections submissions the ledger refused in this run, by reason
     * @param platformEvidence stored rows that failed verification, by reason
     * @param quality data quality per city, from the analysis of the stored values
     * @param tracingCode a tracing code of a stored record
     * @param seconds how long this run's collection, upload and extraction took
     * @param recordsPerSecond records stored per second in this run
     */
    public record Summary(int sites, long expected, long sealed, long committed, long stored, long verified, long blocks,
            Map<String, Long> siteRejections, Map<String, Long> ledgerRejections, Map<String, Long> platformEvidence,
            List<CityQuality> quality, String tracingCode, double seconds, double recordsPerSecond) {
        /**
         * @return whether every record of the sample (and of any file dropped in later) was sealed,
         *     committed, stored and verified, and nothing was quarantined or refused
         */
        public boolean allVerified() {
            return expected > 0 && sealed >= expected && committed == sealed && stored == sealed && verified == sealed
                    && siteRejections.isEmpty() && ledgerRejections.isEmpty() && platformEvidence.isEmpty();
        }
    }

    private final Options options;
    private final PrintWriter out;
    private final Path dir;
    private final char[] password;
    private final DemoSites sample;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, SamplingSite> sites = new LinkedHashMap<>();
    private LedgerNode node;
    private LocalCluster cluster;
    private SmartCityPlatform platform;

    private EmbeddedDemo(Options options, PrintWriter out, char[] password, DemoSites sample) {
        this.options = options;
        this.out = out;
        this.dir = options.dataDir();
        this.password = password;
        this.sample = sample;
    }

    /**
     * Sets up (or finds again) keys, chain, platform and sites, starts the ledger and the platform,
     * and registers the sites with their collection policies on chain.
     *
     * @param options how to run
     * @param out where progress goes
     * @return the running demo; the sites have not started yet
     * @throws IOException if a file cannot be read or written, or a role cannot start
     * @throws GeneralSecurityException if key material cannot be made or read
     * @throws SQLException if the platform database fails
     */
    public static EmbeddedDemo open(Options options, PrintWriter out) throws IOException, GeneralSecurityException,
            SQLException {
        Path dir = options.dataDir().toAbsolutePath();
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        boolean fresh = options.fresh() || options.nodes() > 1;
        if (fresh && Files.exists(dir)) {
            if (options.nodes() > 1 && !options.fresh() && Files.exists(dir.resolve(MARKER))) {
                say(out, "a cluster's node keys live only in memory: starting over in %s", dir);
            }
            deleteDemoDirectory(dir);
        }
        Files.createDirectories(dir);
        // owner-only: besides the keystores, the directory holds the embedded databases, whose
        // auto-server ports and files other local users must not reach
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Files.writeString(dir.resolve(MARKER), "bkdms demo data; bkdms demo --fresh deletes this directory\n");
        char[] password = secret(dir.resolve(PASSWORD_FILE));
        Path samples = dir.resolve("samples");
        DemoSites sample = Files.exists(samples.resolve("demo.yaml")) ? DemoSites.read(samples)
                : options.sample() != null ? DemoSites.copyFrom(options.sample(), samples) : DemoSites.extractBundled(samples);
        EmbeddedDemo demo = new EmbeddedDemo(new Options(dir, options.nodes(), fresh, options.serve(), options.blockPeriod(),
                options.timeout(), options.sample()), out, password, sample);
        try {
            demo.setUp();
        } catch (IOException | GeneralSecurityException | SQLException | RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private void setUp() throws IOException, GeneralSecurityException, SQLException {
        CryptoSuites suites = CryptoSuites.standard();
        boolean created = !Files.exists(dir.resolve("platform.p12"));
        if (created) {
            createKeys(suites);
        } else {
            say(out, "reusing %s (keys, chain, site stores, platform database)", dir);
        }
        CertificateAuthority ca = CertificateAuthority.load(dir.resolve("ca.p12"), password);
        KeyStoreFile platformKs = KeyStoreFile.load(dir.resolve("platform.p12"), password, suites);
        SuitePrivateKey admin = platformKs.privateKey(KeyAliases.PLATFORM_ADMIN, password);
        SuitePrivateKey encryption = platformKs.privateKey(KeyAliases.PLATFORM_ENCRYPTION, password);
        Path caPem = dir.resolve("ca.pem");
        GenesisBuilder genesis = GenesisBuilder.signedBy(admin).issuedAt(Instant.now())
                // contiguous sequence numbers let every site keep a window of uploads in flight (decision 0009)
                .contracts(new AdminAction.DeployContracts(1, 64 * 1024, 1_000_000, 60, 100, List.of(1, 2),
                        SequenceRule.CONTIGUOUS))
                .platformKey(encryption.publicKey());
        List<String> targets;
        if (options.nodes() == 1) {
            KeyStoreFile nodeKs = KeyStoreFile.load(dir.resolve("node.p12"), password, suites);
            SuitePrivateKey nodeKey = nodeKs.privateKey(KeyAliases.NODE_SIGNING, password);
            node = LedgerNode.open(FileBlockLog.open(dir.resolve("node")), new ContractState(suites, KpiCatalogue.u4ssc()),
                    new SoloOrderer.Settings(CHAIN_ID, "node-1", nodeKey, options.blockPeriod(), 1000, 8L << 20,
                            Clock.systemUTC()));
            closeables.add(node);
            node.initialize(genesis.node("node-1", nodeKey.publicKey()).build());
            LedgerServer server = LedgerServer.newBuilder().node(node).address("127.0.0.1", 0)
                    .credentials(TlsCredentials.fromPkcs12(dir.resolve("node.p12"), password, CertificateAuthority.TLS_ALIAS,
                            caPem)).build().start();
            closeables.add(0, server);
            targets = List.of("127.0.0.1:" + server.port());
            say(out, "ledger node-1 on %s (mutual TLS 1.3), %d block(s) on chain", targets.get(0), node.status().height());
        } else {
            cluster = LocalCluster.start(dir.resolve("cluster"), CHAIN_ID, options.nodes(), ca, options.blockPeriod(),
                    Duration.ofMillis(500), keys -> {
                        keys.forEach(genesis::node);
                        return genesis.build();
                    });
            closeables.add(cluster);
            waitFor(() -> cluster.node(0).chain().height() >= 1, Duration.ofSeconds(60), "the cluster's genesis block");
            node = cluster.node(0);
            targets = cluster.apiTargets();
            say(out, "ledger cluster of %d nodes on Apache Ratis %s (mutual TLS 1.3), quorum-signed blocks", options.nodes(),
                    targets);
        }
        startPlatform(targets.get(0));
        registerSites(suites);
        startSites(targets, created);
    }

    private void createKeys(CryptoSuites suites) throws IOException, GeneralSecurityException {
        say(out, "creating the CA and the keys of the platform, the node and %d sites in %s", sample.sites().size(), dir);
        CertificateAuthority ca = CertificateAuthority.create("BKDMS demo CA", Duration.ofDays(3650));
        ca.save(dir.resolve("ca.p12"), password);
        CertificateAuthority.writePem(dir.resolve("ca.pem"), List.of(ca.certificate()));
        var suite = suites.defaultSuite();
        Duration validity = Duration.ofDays(3650);

        KeyStoreFile nodeKs = KeyStoreFile.empty(suites);
        nodeKs.putPrivateKey(KeyAliases.NODE_SIGNING, suite.generate(KeyPurpose.SIGNING), "node-1", null, password);
        CertificateAuthority.Issued nodeTls = ca.issue("node-1", "node", null, List.of("127.0.0.1"), List.of("localhost"),
                validity);
        nodeKs.putTlsKey(CertificateAuthority.TLS_ALIAS, nodeTls.privateKey(), nodeTls.chain(), password);
        save(nodeKs, dir.resolve("node.p12"));

        for (DemoSites.Site s : sample.sites()) {
            Path siteDir = dir.resolve("sites").resolve(s.dir());
            Files.createDirectories(siteDir.resolve("inbox"));
            KeyStoreFile ks = KeyStoreFile.empty(suites);
            ks.putPrivateKey(KeyAliases.SITE_SIGNING, suite.generate(KeyPurpose.SIGNING), s.name(), null, password);
            CertificateAuthority.Issued tls = ca.issue(s.name(), "site", SiteId.parse(s.siteId()), List.of(), List.of(),
                    validity);
            ks.putTlsKey(CertificateAuthority.TLS_ALIAS, tls.privateKey(), tls.chain(), password);
            save(ks, siteDir.resolve("site.p12"));
        }

        // written last: its presence means that every other key exists
        SuitePrivateKey admin = suite.generate(KeyPurpose.SIGNING);
        KeyStoreFile ks = KeyStoreFile.empty(suites);
        ks.putPrivateKey(KeyAliases.PLATFORM_ADMIN, admin, "demo platform admin", null, password);
        ks.putPrivateKey(KeyAliases.PLATFORM_ENCRYPTION, suite.generate(KeyPurpose.ENCRYPTION), "demo platform encryption",
                admin, password);
        CertificateAuthority.Issued tls = ca.issue("platform", "platform", null, List.of("127.0.0.1"), List.of("localhost"),
                validity);
        ks.putTlsKey(CertificateAuthority.TLS_ALIAS, tls.privateKey(), tls.chain(), password);
        save(ks, dir.resolve("platform.p12"));
    }

    private void save(KeyStoreFile ks, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ks.save(file, password);
        ownerOnly(file);
    }

    /** @return the platform.yaml section that names the sample's cities and places its sites on the map */
    private String dashboardSettings() {
        StringBuilder yaml = new StringBuilder("dashboard:\n  cities:\n");
        sample.sites().stream().map(DemoSites.Site::city).filter(c -> c.name() != null).distinct()
                .forEach(c -> yaml.append("    \"")
                .append(c.scheme()).append(':').append(c.code()).append("\": \"").append(c.name()).append("\"\n"));
        yaml.append("  sites:\n");
        for (DemoSites.Site s : sample.sites()) {
            if (s.location() != null) {
                yaml.append("    \"").append(s.siteId()).append("\": {latitude: ").append(s.location().latitude())
                        .append(", longitude: ").append(s.location().longitude()).append("}\n");
            }
        }
        return yaml.append("  refreshSeconds: 15\n").toString();
    }

    private void startPlatform(String target) throws IOException, GeneralSecurityException, SQLException {
        Path users = dir.resolve("api-users.yaml");
        if (!Files.exists(users)) {
            char[] demoPassword = secret(dir.resolve(DEMO_PASSWORD_FILE));
            Users.put(users, "demo", Role.AUDITOR, demoPassword);
        }
        // rewritten on every run: the node's port changes, and bkdms trace and audit read this file
        Files.writeString(dir.resolve("platform.yaml"), """
                # The demo's smart city platform (see docs/PLATFORM.md); rewritten by every bkdms demo run.
                keystore: platform.p12
                trustedCa: ca.pem
                dataDir: platform
                batchBlocks: 64
                ledgers:
                  - chainId: "%s"
                    target: "%s"
                api:
                  listen: "127.0.0.1:0"
                  users: api-users.yaml
                """.formatted(CHAIN_ID, target) + dashboardSettings(), StandardCharsets.UTF_8);
        platform = SmartCityPlatform.newBuilder().config(PlatformConfig.read(dir.resolve("platform.yaml"))).password(password)
                .serveApi(options.serve()).start();
        closeables.add(0, platform);
        say(out, "smart city platform following %s into H2 (%s)", CHAIN_ID, dir.resolve("platform"));
    }

    private void registerSites(CryptoSuites suites) throws IOException, GeneralSecurityException {
        int registered = 0;
        for (DemoSites.Site s : sample.sites()) {
            SiteId id = SiteId.parse(s.siteId());
            if (node.query(st -> st.registry().current(id)).isEmpty()) {
                KeyStoreFile ks = KeyStoreFile.load(siteDir(s).resolve("site.p12"), password, suites);
                platform.permissions().registerSite(id, s.name(), ks.publicKey(KeyAliases.SITE_SIGNING));
                registered++;
            }
            AdminAction.PublishCollectionPolicy policy = new AdminAction.PublishCollectionPolicy(id,
                    s.policy().kpis().stream().map(KpiCode::parse).toList(), s.policy().periodSeconds());
            Optional<AdminAction.PublishCollectionPolicy> current = node.query(st -> st.policyAt(id, Long.MAX_VALUE));
            if (current.isEmpty() || !current.get().kpiCodes().equals(policy.kpiCodes())
                    || current.get().periodSeconds() != policy.periodSeconds()) {
                platform.permissions().publishPolicy(id, policy);
            }
        }
        say(out, "platform registered %d site(s) on chain and published their collection policies (%d sites in %d cities)",
                registered, sample.sites().size(), sample.sites().stream().map(s -> s.city().code()).distinct().count());
    }

    private void startSites(List<String> targets, boolean created) throws IOException, GeneralSecurityException {
        Path samples = dir.resolve("samples");
        for (DemoSites.Site s : sample.sites()) {
            Path siteDir = siteDir(s);
            if (created) {
                for (String f : s.files()) {
                    // written under a temporary name and renamed, as the folder collector expects of any writer
                    Path to = siteDir.resolve("inbox").resolve(Path.of(f).getFileName().toString());
                    Path part = to.resolveSibling(to.getFileName() + ".part");
                    Files.copy(samples.resolve(s.dir()).resolve(f), part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, to, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.writeString(siteDir.resolve("site.yaml"), """
                    # Demo site %s (see docs/SITE.md); rewritten by every bkdms demo run.
                    siteId: %s
                    countryRegion: "%s"
                    city: { scheme: %s, code: %s }
                    dataDir: data
                    keystore: site.p12
                    trustedCa: ../../ca.pem
                    ledger: %s
                    mapping: ../../samples/%s/mapping.yaml
                    pollMillis: 50
                    closeAfterSeconds: 0
                    backoff: { initialMillis: 20, maxMillis: 1000 }
                    sources:
                      - name: files
                        type: folder
                        dir: inbox
                        doneDir: done
                        chunkRows: 500
                    """.formatted(s.name(), s.siteId(), s.countryRegion(), s.city().scheme(), s.city().code(), targets.get(0),
                    s.dir()), StandardCharsets.UTF_8);
            // the site's client fails over to the cluster's other nodes
            SamplingSite site = SamplingSite.open(SiteConfig.read(siteDir.resolve("site.yaml")), password,
                    targets.subList(1, targets.size()), Clock.systemUTC());
            sites.put(s.siteId(), site);
            closeables.add(0, site);
        }
    }

    private Path siteDir(DemoSites.Site s) {
        return dir.resolve("sites").resolve(s.dir());
    }

    /**
     * Runs the sites until each has collected its inbox and seen every packet committed, and the
     * platform has stored the chain up to its head; prints progress every two seconds.
     *
     * @return the summary
     * @throws IOException if the chain cannot be read or the platform does not catch up in time
     * @throws SQLException if the platform database fails
     * @throws InterruptedException if interrupted
     */
    public Summary run() throws IOException, SQLException, InterruptedException {
        NodeStatus.Counters before = node.status().counters();
        long storedBefore = platform.store().count("kpi_storage");
        long start = System.nanoTime();
        sites.values().forEach(SamplingSite::start);
        Map<String, Long> last = new LinkedHashMap<>();
        sites.forEach((id, s) -> last.put(id, s.status().store().confirmed()));
        long lastPrint = start;
        long deadline = start + options.timeout().toNanos();
        ChainFollower follower = platform.followers().get(CHAIN_ID);
        while (true) {
            boolean sitesDone = true;
            for (Map.Entry<String, SamplingSite> e : sites.entrySet()) {
                var st = e.getValue().status();
                if (st.uploadHalt().isPresent()) {
                    throw new IOException("site " + e.getKey() + " halted its uploads: " + st.uploadHalt().get());
                }
                sitesDone &= inboxEmpty(e.getKey()) && st.store().pending() == 0;
            }
            long height = node.status().height();
            if (sitesDone && follower.awaitStored(height, Duration.ofMillis(200))
                    && sites.values().stream().allMatch(s -> s.status().store().pending() == 0)) {
                break;
            }
            long now = System.nanoTime();
            if (now - lastPrint >= 2_000_000_000L) {
                progress(last, (now - lastPrint) / 1e9, follower);
                lastPrint = now;
            }
            if (now > deadline) {
                throw new IOException("the demo did not finish within " + options.timeout().toSeconds() + " s: "
                        + follower.status());
            }
            if (follower.status().halted().isPresent()) {
                throw new IOException("the platform halted extraction: " + follower.status().halted().get());
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress(last, Math.max(seconds, 1e-3), follower);
        return summary(before, seconds, platform.store().count("kpi_storage") - storedBefore);
    }

    private boolean inboxEmpty(String siteId) throws IOException {
        DemoSites.Site s = sample.sites().stream().filter(x -> x.siteId().equals(siteId)).findFirst().orElseThrow();
        try (Stream<Path> files = Files.list(siteDir(s).resolve("inbox"))) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    private void progress(Map<String, Long> last, double seconds, ChainFollower follower) {
        StringBuilder line = new StringBuilder("  sites (confirmed, records/s):");
        for (DemoSites.Site s : sample.sites()) {
            long confirmed = sites.get(s.siteId()).status().store().confirmed();
            long delta = confirmed - last.getOrDefault(s.siteId(), 0L);
            last.put(s.siteId(), confirmed);
            line.append(String.format(" %s %d (%.0f/s)", s.dir(), confirmed, delta / seconds));
        }
        var st = follower.status();
        line.append(String.format("; platform stored blocks %d of %d", st.storedHeight(), node.status().height()));
        say(out, "%s", line);
    }

    private Summary summary(NodeStatus.Counters before, double seconds, long storedThisRun) throws IOException, SQLException {
        long sealed = 0;
        long committed = 0;
        Map<String, Long> quarantine = new TreeMap<>();
        for (SamplingSite s : sites.values()) {
            var st = s.status().store();
            sealed += st.lastSequence();
            committed += st.confirmed();
            st.quarantineReasons().forEach((k, v) -> quarantine.merge(k, v, Long::sum));
        }
        NodeStatus.Counters after = node.status().counters();
        Map<String, Long> ledger = new TreeMap<>();
        after.rejections().forEach((k, v) -> {
            long d = v - before.rejections().getOrDefault(k, 0L);
            if (d > 0) {
                ledger.put(k.name(), d);
            }
        });
        Map<String, Long> evidence = new TreeMap<>();
        platform.store().evidenceCounts().forEach((k, v) -> {
            if (v > 0) {
                evidence.put(k.name(), v);
            }
        });
        long stored = platform.store().count("kpi_storage");
        long verified = platform.store().verifiedRecords();
        List<QueryService.Observation> rows = new ArrayList<>();
        for (long offset = 0;; offset += QueryService.MAX_LIMIT) {
            List<QueryService.Observation> page = platform.queries().observations(new QueryService.ObservationQuery(CHAIN_ID,
                    null, null, null, null, null, QueryService.MAX_LIMIT, offset));
            rows.addAll(page);
            if (page.size() < QueryService.MAX_LIMIT) {
                break;
            }
        }
        String tracingCode = rows.isEmpty() ? null : rows.get(0).tracingCode();
        return new Summary(sites.size(), sample.expectedRecords(dir.resolve("samples")), sealed, committed, stored, verified,
                node.status().height(), quarantine, ledger, evidence, quality(rows), tracingCode, seconds,
                storedThisRun / Math.max(seconds, 1e-3));
    }

    private List<CityQuality> quality(List<QueryService.Observation> rows) {
        KpiCatalogue catalogue = KpiCatalogue.u4ssc();
        List<Observation> observations = new ArrayList<>(rows.size());
        for (QueryService.Observation r : rows) {
            BigDecimal value = switch (r.value()) {
                case "true", "yes" -> BigDecimal.ONE;
                case "false", "no" -> BigDecimal.ZERO;
                default -> new BigDecimal(r.value());
            };
            observations.add(new Observation(r.siteId(), String.format("%03d", r.countryCode()), r.cityScheme() + ":"
                    + r.cityCode(), r.kpiCode(), r.series(), value, r.unit(), r.observedAt(), null, r.blockHeight(),
                    r.blockTime(), r.siteSequence(), r.tracingCode()));
        }
        List<CollectionPolicy> policies = sample.sites().stream().map(s -> new CollectionPolicy(s.siteId(), s.policy().kpis(),
                s.policy().periodSeconds(), null)).toList();
        return new QualityAnalyzer(new ObservationValidator(catalogue), QualityConfig.defaults())
                .analyze(AnalysisInput.of(observations, policies, WINDOW), Granularity.MONTH).cities();
    }

    /** @return the running platform */
    public SmartCityPlatform platform() {
        return platform;
    }

    /** @return the data directory */
    public Path dataDir() {
        return dir;
    }

    /** @return the sample being run */
    public DemoSites sample() {
        return sample;
    }

    @Override
    public void close() {
        if (cluster != null) {
            // stopping the nodes one by one makes Ratis log each refused connection with its stack trace
            QUIET.get(1).setLevel(java.util.logging.Level.OFF);
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                out.println("bkdms demo: closing " + c.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
        closeables.clear();
        java.util.Arrays.fill(password, '\0');
    }

    /** Reads a secret from an owner-only file, generating it on first use; it is never printed. */
    private static char[] secret(Path file) throws IOException {
        try {
            return SecretFile.readOrCreate(file).toCharArray();
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; delete it together with the keystores (bkdms demo --fresh)", e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Deletes an earlier demo's directory, refusing any directory the demo did not make. */
    private static void deleteDemoDirectory(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent() && !Files.exists(dir.resolve(MARKER))) {
                throw new IOException(dir + " is not empty and was not made by bkdms demo; refusing to delete it");
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.printf("bkdms demo: " + format + "%n", args);
        out.flush();
    }
}
