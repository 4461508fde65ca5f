package org.bkdms.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.packet.KpiPacket;
import org.bkdms.core.packet.PacketOpener;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.packet.SealedPacket;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.extraction.ChainFollower;
import org.bkdms.platform.store.DatabaseConfig;
import org.bkdms.site.SamplingSite;
import org.bkdms.site.SiteConfig;
import org.bkdms.site.SiteStatus;

/**
 * The end-to-end benchmark behind {@code bkdms bench}: every role in this JVM, talking gRPC over
 * mutual TLS 1.3 on loopback. Each site is a real {@link SamplingSite} with its own keystore, TLS
 * certificate, H2 store and KPI mapping: a feed drops CSV files of air-quality readings into its
 * folder collector, and the site maps each row to a unified KPI record, seals it (HPKE to the
 * platform's key, salted digest signed, submission signed) into its durable outbox and uploads it
 * with a window of submissions in flight, on a chain whose contracts check contiguous sequence
 * numbers, then confirms it with a verified inclusion proof. The ledger node keeps a real, fsyncing
 * block log; the smart city platform follows the chain, verifies blocks and submissions, decrypts,
 * checks digests and stores every row in H2. A record's latency runs from the instant its site
 * sealed it (the time in its submission, read from the chain afterwards) to the moment the platform
 * has committed its block's rows.
 *
 * <p>The same run also measures, on one thread and in thread CPU time, the cryptographic work
 * every record needs (seal, envelope signature check, digest signature check, decryption), which
 * bounds what any arrangement of the roles can reach on this machine's cores; the report gives the
 * ratio of the end-to-end rate to that bound.
 */
public final class EndToEndBench {
    private static final String CHAIN_ID = "bkdms://127.0.0.1/bench-e2e";
    private static final char[] PASSWORD = "bench-e2e".toCharArray();
    private static final Duration POLL = Duration.ofMillis(20);
    /** The roles log one line per file and per start; at benchmark rates that is noise on the console. */
    private static final List<java.util.logging.Logger> QUIET = List.of(java.util.logging.Logger.getLogger("org.flywaydb"),
            java.util.logging.Logger.getLogger("org.bkdms.site"), java.util.logging.Logger.getLogger("org.bkdms.platform"),
            java.util.logging.Logger.getLogger("org.bkdms.ledger"), java.util.logging.Logger.getLogger("com.zaxxer.hikari"));
    /** One wide rule, one record per row, no consolidation: every row the feed writes becomes one packet. */
    private static final String MAPPING = """
            timeField: time
            timeZone: UTC
            rules:
              - name: air-quality
                kpi: "EN: EN: AQ: 1C"
                match: { station: "*" }
                series:
                  pm_10: { field: pm10, unit: "ug/m3" }
                  pm_2.5: { field: pm25, unit: "ug/m3" }
                  no2: { field: no2, unit: "ug/m3" }
                  o3: { field: o3, unit: "ug/m3" }
                  so2: { field: so2, unit: "ug/m3" }
            """;

    /**
     * The load.
     *
     * @param sites concurrent sites
     * @param records total rows fed (each becomes one record), or 0 to run for {@code duration}
     * @param duration how long the sites are fed when {@code records} is 0
     * @param rate rows per second fed to all sites together, or 0 to keep every site busy (saturation)
     * @param blockPeriod the ledger's processing time period
     * @param window the sites' {@code upload.window}: submissions in flight per site
     */
    public record Settings(int sites, long records, Duration duration, double rate, Duration blockPeriod, int window) {
    }

    /**
     * Rates of the cryptographic operations every record needs, per second of one thread's CPU time.
     *
     * @param sealPerSecond seal a record and sign its submission (site)
     * @param envelopeVerifyPerSecond check a submission's signature (ledger)
     * @param digestVerifyPerSecond check the site's signature over the salted digest (platform)
     * @param openPerSecond decrypt and compare the digest (platform)
     * @param combinedPerSecond records per second one core can take through all four
     * @param cores the cores this JVM may use
     * @param boundPerSecond {@code combinedPerSecond} times {@code cores}: the crypto-bound limit
     */
    public record CryptoBound(double sealPerSecond, double envelopeVerifyPerSecond, double digestVerifyPerSecond,
            double openPerSecond, double combinedPerSecond, int cores, double boundPerSecond) {
    }

    /**
     * One second of the run.
     *
     * @param second seconds since the first seal (the bucket's start)
     * @param stored records stored in that second
     * @param p50Millis median latency of those records
     * @param p99Millis 99th percentile latency of those records
     */
    public record Slice(int second, long stored, double p50Millis, double p99Millis) {
    }

    /**
     * What the run measured.
     *
     * @param settings the load
     * @param sealed records sealed into the sites' outboxes
     * @param committed KPI submissions on chain
     * @param stored Table 10-3 rows the platform stored
     * @param verified stored rows whose packet verified and decrypted
     * @param blocks blocks on the chain
     * @param seconds from the first seal to the last record stored
     * @param recordsPerSecond stored records over {@code seconds}
     * @param p50Millis median seal-to-stored latency
     * @param p99Millis 99th percentile latency
     * @param maxMillis largest latency
     * @param cpuSeconds thread CPU time per role during the run
     * @param crypto the crypto-bound limit
     * @param ratio {@code recordsPerSecond} over the crypto bound
     * @param timeline per-second throughput and latency
     */
    public record Report(Settings settings, long sealed, long committed, long stored, long verified, long blocks, double seconds,
            double recordsPerSecond, double p50Millis, double p99Millis, double maxMillis, Map<String, Double> cpuSeconds,
            CryptoBound crypto, double ratio, List<Slice> timeline) {
    }

    private EndToEndBench() {
    }

    /**
     * Measures the crypto-bound limit on one thread, in thread CPU time.
     *
     * @param suites the suites
     * @return the rates
     */
    public static CryptoBound measureCrypto(CryptoSuites suites) {
        CryptoSuite suite = suites.defaultSuite();
        SuitePrivateKey site = suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey platform = suite.generate(KeyPurpose.ENCRYPTION);
        PacketSealer sealer = new PacketSealer(platform.publicKey(), site);
        SiteId id = SiteId.parse("10.99.0.1");
        UnifiedKpiRecord r = record(id, 1);
        SealedPacket sealed = sealer.seal(r);
        KpiPacket packet = sealed.packet();
        LedgerTransaction tx = LedgerTransaction.sign(new KpiSubmission(id, 1, Instant.now(), sealed.encoded()), site);
        PacketOpener opener = new PacketOpener(suites, List.of(platform));
        double seal = rate(() -> LedgerTransaction.sign(new KpiSubmission(id, 1, Instant.now(), sealer.seal(r).encoded()),
                site));
        double envelope = rate(() -> {
            if (!tx.verifySignature(site.publicKey())) {
                throw new IllegalStateException("envelope signature does not verify");
            }
        });
        double digest = rate(() -> PacketOpener.verifySignature(suites, packet, site.publicKey()));
        double openWithDigest = rate(() -> opener.open(packet, site.publicKey()));
        // PacketOpener.open checks the digest signature first; the decryption alone is the difference
        double openOnly = 1 / Math.max(1e-9, 1 / openWithDigest - 1 / digest);
        double combined = 1 / (1 / seal + 1 / envelope + 1 / digest + 1 / openOnly);
        int cores = Runtime.getRuntime().availableProcessors();
        return new CryptoBound(seal, envelope, digest, openOnly, combined, cores, combined * cores);
    }

    /**
     * Operations per second of one thread's CPU time, not of the wall clock: on a machine shared
     * with other work the wall clock would charge the operation for time it did not run.
     */
    private static double rate(Runnable op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) {
            op.run();
        }
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long n = 0;
        long cpu;
        do {
            for (int i = 0; i < 50; i++) {
                op.run();
            }
            n += 50;
            cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        } while (cpu < 300_000_000L && System.nanoTime() - start < 3_000_000_000L);
        return n / (Math.max(cpu, 1) / 1e9);
    }

    private static UnifiedKpiRecord record(SiteId site, long sequence) {
        return new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"), site,
                Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600 * sequence),
                KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3, Map.of("pm_10", KpiValue.of("14.2"),
                        "pm_2.5", KpiValue.of("6.8"), "no2", KpiValue.of("22.5"), "o3", KpiValue.of("51.0"),
                        "so2", KpiValue.of("2.1"))),
                Extending.empty().withSequenceNumber(sequence));
    }

    /**
     * Runs the benchmark in a temporary directory, deleted afterwards.
     *
     * @param settings the load
     * @param out where progress goes (every few seconds)
     * @return the report
     * @throws IOException if a role cannot start or the platform does not catch up within ten minutes
     * @throws GeneralSecurityException if key material cannot be made
     * @throws SQLException if the platform database fails
     * @throws InterruptedException if interrupted
     */
    public static Report run(Settings settings, PrintWriter out) throws IOException, GeneralSecurityException, SQLException,
            InterruptedException {
        Path dir = Files.createTempDirectory("bkdms-bench-e2e");
        List<java.util.logging.Level> levels = QUIET.stream().map(java.util.logging.Logger::getLevel).toList();
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        try {
            return run(settings, out, dir);
        } finally {
            for (int i = 0; i < QUIET.size(); i++) {
                QUIET.get(i).setLevel(levels.get(i));
            }
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Report run(Settings settings, PrintWriter out, Path dir) throws IOException, GeneralSecurityException,
            SQLException, InterruptedException {
        CryptoSuites suites = CryptoSuites.standard();
        say(out, "[1/4] measuring the crypto-bound limit on one thread");
        CryptoBound crypto = measureCrypto(suites);
        say(out, "      seal %.0f/s, envelope verify %.0f/s, digest verify %.0f/s, open %.0f/s: %.0f records/s per core,"
                + " %.0f on %d cores", crypto.sealPerSecond(), crypto.envelopeVerifyPerSecond(), crypto.digestVerifyPerSecond(),
                crypto.openPerSecond(), crypto.combinedPerSecond(), crypto.boundPerSecond(), crypto.cores());

        CryptoSuite suite = suites.defaultSuite();
        BenchChain keys = BenchChain.create(suites, dir, PASSWORD);
        CertificateAuthority ca = keys.ca();
        // contiguous sequence numbers let every site keep its upload window in flight (decision 0009)
        GenesisBuilder genesis = keys.genesis(Instant.now(), SequenceRule.CONTIGUOUS);
        Files.writeString(dir.resolve("mapping.yaml"), MAPPING, StandardCharsets.UTF_8);
        List<Path> siteDirs = new ArrayList<>();
        for (int i = 0; i < settings.sites(); i++) {
            SiteId site = SiteId.parse(siteAddress(i));
            Path siteDir = dir.resolve("sites").resolve("site-" + i);
            Files.createDirectories(siteDir.resolve("inbox"));
            SuitePrivateKey signing = suite.generate(KeyPurpose.SIGNING);
            KeyStoreFile ks = KeyStoreFile.empty(suites);
            ks.putPrivateKey(KeyAliases.SITE_SIGNING, signing, "bench site " + i, null, PASSWORD);
            CertificateAuthority.Issued tls = ca.issue("bench site " + i, "site", site, List.of(), List.of(),
                    Duration.ofDays(1));
            ks.putTlsKey(CertificateAuthority.TLS_ALIAS, tls.privateKey(), tls.chain(), PASSWORD);
            ks.save(siteDir.resolve("site.p12"), PASSWORD);
            genesis.site(site, "bench site " + i, signing.publicKey());
            siteDirs.add(siteDir);
        }
        CertificateAuthority.Issued nodeTls = ca.issue("node-1", "node", null, List.of("127.0.0.1"), List.of("localhost"),
                Duration.ofDays(1));
        try (LedgerNode node = LedgerNode.open(FileBlockLog.open(dir.resolve("node")), new ContractState(suites,
                KpiCatalogue.u4ssc()), new SoloOrderer.Settings(CHAIN_ID, "node-1", keys.nodeKey(), settings.blockPeriod(), 10_000,
                        8L << 20, Clock.systemUTC()))) {
            node.initialize(genesis.build());
            try (LedgerServer server = LedgerServer.newBuilder().node(node).address("127.0.0.1", 0).submitWindow(settings.window())
                    .credentials(TlsCredentials.of(nodeTls.privateKey(), nodeTls.chain(), List.of(ca.certificate())))
                    .build().start();
                    SmartCityPlatform platform = SmartCityPlatform.newBuilder().config(new PlatformConfig(
                            dir.resolve("platform.p12"), dir.resolve("ca.pem"), dir, null, List.of(new PlatformConfig.Ledger(
                                    CHAIN_ID, "127.0.0.1:" + server.port(), null)), null, 16)).password(PASSWORD)
                            .database(DatabaseConfig.h2File(dir.resolve("db/platform"))).start()) {
                ChainFollower follower = platform.followers().get(CHAIN_ID);
                if (!follower.awaitStored(node.status().height(), Duration.ofSeconds(30))) {
                    throw new IOException("the platform did not store the genesis block: " + follower.status());
                }
                NanoClock clock = new NanoClock();
                List<SamplingSite> sites = new ArrayList<>();
                try {
                    for (int i = 0; i < settings.sites(); i++) {
                        sites.add(openSite(settings, siteDirs.get(i), i, server.port(), clock));
                    }
                    return load(settings, out, node, platform, follower, sites, siteDirs, crypto, clock, dir.resolve("sites"));
                } finally {
                    sites.forEach(SamplingSite::close);
                }
            }
        }
    }

    private static String siteAddress(int i) {
        return "10.97." + (i / 250) + "." + (i % 250 + 1);
    }

    /** A site as an operator would configure it: its own keystore, H2 store, mapping and folder collector. */
    private static SamplingSite openSite(Settings settings, Path siteDir, int i, int port, Clock clock)
            throws IOException, GeneralSecurityException {
        Files.writeString(siteDir.resolve("site.yaml"), """
                siteId: %s
                countryRegion: "578"
                city: { scheme: UNLOCODE, code: NOTRD }
                dataDir: data
                keystore: site.p12
                trustedCa: ../../ca.pem
                ledger: 127.0.0.1:%d
                mapping: ../../mapping.yaml
                pollMillis: %d
                closeAfterSeconds: 0
                backoff: { initialMillis: 20, maxMillis: 1000 }
                upload: { window: %d }
                sources:
                  - name: feed
                    type: folder
                    dir: inbox
                    doneDir: done
                    chunkRows: %d
                """.formatted(siteAddress(i), port, POLL.toMillis(), settings.window(), chunkRows(settings)),
                StandardCharsets.UTF_8);
        return SamplingSite.open(SiteConfig.read(siteDir.resolve("site.yaml")), PASSWORD, List.of(), clock);
    }

    /** Rows per collector batch: a batch is sealed in one store transaction, so about one upload window's worth. */
    private static int chunkRows(Settings settings) {
        return Math.max(1, Math.min(settings.window(), 1000));
    }

    private static Report load(Settings settings, PrintWriter out, LedgerNode node, SmartCityPlatform platform,
            ChainFollower follower, List<SamplingSite> sites, List<Path> siteDirs, CryptoBound crypto, NanoClock clock,
            Path sitesDir) throws IOException, SQLException, InterruptedException {
        say(out, "[2/4] %d sampling sites %s%s into their folder collectors; each seals, keeps an outbox and uploads"
                + " (window %d) to a ledger node (block period %d ms) followed by the platform (H2)", settings.sites(),
                settings.rate() > 0 ? String.format("fed %.0f rows/s in all", settings.rate()) : "fed as fast as they take",
                settings.records() > 0 ? ", " + settings.records() + " rows" : " for " + settings.duration().toSeconds() + " s",
                settings.window(), settings.blockPeriod().toMillis());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CpuSampler cpu = new CpuSampler(threads);
        Map<Long, Long> storedAt = new ConcurrentHashMap<>();
        long heightBefore = node.status().height();
        long storedBefore = follower.status().storedHeight();
        Thread monitor = new Thread(() -> watchStored(follower, storedBefore, storedAt), "bench-stored-monitor");
        monitor.setDaemon(true);
        monitor.start();
        Feed feed = new Feed(settings, sites, siteDirs);
        Thread feeder = new Thread(feed, "bench-feed");
        feeder.setDaemon(true);
        long start = System.nanoTime();
        sites.forEach(SamplingSite::start);
        feeder.start();
        long lastPrint = start;
        long lastStored = 0;
        long lastSample = start;
        long sealed;
        while (true) {
            Thread.sleep(20);
            long now = System.nanoTime();
            if (now - lastSample >= 200_000_000L) {
                cpu.sample();
                lastSample = now;
            }
            if (feed.failure != null) {
                throw new IOException("the feed could not write rows: " + feed.failure.getMessage(), feed.failure);
            }
            sealed = 0;
            long pending = 0;
            for (SamplingSite site : sites) {
                SiteStatus st = site.status();
                if (st.uploadHalt().isPresent()) {
                    throw new IOException("a site halted its uploads: " + st.uploadHalt().get());
                }
                if (st.store().quarantined() > 0) {
                    throw new IOException("a site quarantined rows of the feed: " + st.store().quarantineReasons());
                }
                sealed += st.store().lastSequence();
                pending += st.store().pending();
            }
            if (!feeder.isAlive() && sealed == feed.written() && pending == 0) {
                break;
            }
            if (now - lastPrint >= 3_000_000_000L) {
                long stored = follower.status().rowsStored();
                say(out, "      %5.1f s: fed %d, sealed %d, in outboxes %d, stored %d (%.0f records/s stored)",
                        (now - start) / 1e9, feed.written(), sealed, pending, stored,
                        (stored - lastStored) / ((now - lastPrint) / 1e9));
                lastPrint = now;
                lastStored = stored;
            }
            if (now - start > settings.duration().toNanos() + Duration.ofMinutes(10).toNanos()) {
                throw new IOException("the sites did not seal and confirm every row in time");
            }
        }
        cpu.sample();
        long height = node.status().height();
        say(out, "[3/4] every row sealed and confirmed at the sites; waiting for the platform to store block %d", height - 1);
        if (!follower.awaitStored(height, Duration.ofMinutes(10))) {
            throw new IOException("the platform did not store the chain within ten minutes: " + follower.status());
        }
        while (!storedAt.containsKey(height - 1)) {
            Thread.sleep(1);
        }
        monitor.interrupt();
        cpu.sample();
        List<long[]> outcomes = new ArrayList<>();
        for (long h = heightBefore; h < height; h++) {
            for (LedgerTransaction tx : node.block(h).transactions()) {
                if (tx.body() instanceof KpiSubmission k) {
                    // the submission's time is the site clock's reading as it sealed the record
                    outcomes.add(new long[] {clock.nanosOf(k.submittedAt()), storedAt.get(h)});
                }
            }
        }
        return report(settings, node, platform, crypto, outcomes, sealed, cpu.seconds(sitesDir));
    }

    /**
     * The city's data source: writes CSV files of air-quality rows into each site's inbox (under a
     * {@code .part} name, then renamed, as the folder collector expects). At a given rate the rows
     * due are written every tenth of a second; without one, a site gets another chunk whenever fewer
     * than two upload windows of its rows are waiting to be sealed or confirmed.
     */
    private static final class Feed implements Runnable {
        private final Settings settings;
        private final List<SamplingSite> sites;
        private final List<Path> siteDirs;
        private final long[] written;
        private final long[] quota;
        private final AtomicLong total = new AtomicLong();
        private volatile Exception failure;

        Feed(Settings settings, List<SamplingSite> sites, List<Path> siteDirs) {
            this.settings = settings;
            this.sites = sites;
            this.siteDirs = siteDirs;
            this.written = new long[sites.size()];
            this.quota = new long[sites.size()];
            for (int s = 0; s < quota.length; s++) {
                quota[s] = settings.records() > 0 ? settings.records() / quota.length
                        + (s < settings.records() % quota.length ? 1 : 0) : Long.MAX_VALUE;
            }
        }

        long written() {
            return total.get();
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            long end = settings.records() > 0 ? Long.MAX_VALUE : start + settings.duration().toNanos();
            double perSite = settings.rate() / sites.size();
            long tick = settings.rate() > 0 ? 100_000_000L : 20_000_000L;
            int chunk = chunkRows(settings);
            try {
                for (long next = start; ; next += tick) {
                    long now = System.nanoTime();
                    boolean more = false;
                    for (int s = 0; s < sites.size(); s++) {
                        long target;
                        if (now >= end) {
                            target = written[s];
                        } else if (settings.rate() > 0) {
                            target = Math.min(quota[s], (long) Math.floor(perSite * (now - start) / 1e9) + 1);
                        } else {
                            long open = written[s] - sites.get(s).store().status().lastConfirmedSequence();
                            target = open < 2L * settings.window() ? Math.min(quota[s], written[s] + chunk) : written[s];
                        }
                        if (target > written[s]) {
                            write(s, written[s] + 1, target);
                            total.addAndGet(target - written[s]);
                            written[s] = target;
                        }
                        more |= written[s] < quota[s];
                    }
                    if (!more || now >= end) {
                        return;
                    }
                    for (long wait = next + tick - System.nanoTime(); wait > 0; wait = next + tick - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        /** Rows {@code from..to} of site {@code s}; row n is the reading of minute n, so every file differs. */
        private void write(int s, long from, long to) throws IOException {
            StringBuilder csv = new StringBuilder("time,station,pm10,pm25,no2,o3,so2\n");
            Instant base = Instant.parse("2025-01-01T00:00:00Z");
            for (long n = from; n <= to; n++) {
                int v = (int) (n % 40);
                csv.append(base.plusSeconds(60 * n)).append(",bench-").append(s).append(',').append(10 + v / 4.0)
                        .append(',').append(5 + v / 8.0).append(',').append(20 + v / 2.0).append(',').append(50 + v)
                        .append(',').append(2 + v / 10.0).append('\n');
            }
            Path inbox = siteDirs.get(s).resolve("inbox");
            Path to2 = inbox.resolve(String.format("rows-%012d.csv", from));
            Path part = inbox.resolve(to2.getFileName() + ".part");
            Files.writeString(part, csv, StandardCharsets.UTF_8);
            Files.move(part, to2, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * A clock that reads {@link System#nanoTime()} from an anchor on the wall clock, so that the
     * instants the sites write into their submissions convert back to the nanosecond timeline the
     * benchmark notes the stored times on, without the wall clock's steps.
     */
    private static final class NanoClock extends Clock {
        private final Instant anchor = Instant.now();
        private final long anchorNanos = System.nanoTime();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the benchmark's clock stays in UTC");
        }

        @Override
        public Instant instant() {
            return anchor.plusNanos(System.nanoTime() - anchorNanos);
        }

        long nanosOf(Instant instant) {
            return anchorNanos + Duration.between(anchor, instant).toNanos();
        }
    }

    /** Notes when each block's rows became stored: a block at height h is stored once the follower's height passes h. */
    private static void watchStored(ChainFollower follower, long from, Map<Long, Long> storedAt) {
        long known = from;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (follower.awaitStored(known + 1, Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    long height = follower.status().storedHeight();
                    for (long h = known; h < height; h++) {
                        storedAt.put(h, now);
                    }
                    known = height;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Thread CPU time per role, sampled during the run so that threads which end before it does
     * (an idle proof fetcher) still count, told apart by the names the roles give their threads.
     */
    private static final class CpuSampler {
        private final ThreadMXBean threads;
        private final Map<Long, Long> before = new HashMap<>();
        private final Map<Long, Long> last = new HashMap<>();
        private final Map<Long, String> names = new HashMap<>();

        CpuSampler(ThreadMXBean threads) {
            this.threads = threads;
            sample();
            before.putAll(last);
        }

        void sample() {
            for (long id : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(id);
                ThreadInfo info = threads.getThreadInfo(id);
                if (t >= 0 && info != null) {
                    last.put(id, t);
                    names.putIfAbsent(id, info.getThreadName());
                }
            }
        }

        Map<String, Double> seconds(Path sitesDir) {
            Map<String, Long> nanos = new LinkedHashMap<>();
            for (String role : new String[] {"sites", "node", "platform", "transport", "feed", "other"}) {
                nanos.put(role, 0L);
            }
            String sitesPath = sitesDir.toAbsolutePath().toString();
            for (Map.Entry<Long, Long> e : last.entrySet()) {
                String name = names.get(e.getKey());
                // the site stores run H2 in auto-server mode (their TCP servers); the platform's database does not
                String role = name.startsWith("site-") || name.startsWith("H2 TCP") || name.contains(sitesPath) ? "sites"
                        : name.startsWith("bkdms-orderer") || name.startsWith("bkdms-ledger-grpc") ? "node"
                        : name.startsWith("bkdms-follow") || name.startsWith("bkdms-open") || name.startsWith("bkdms-store")
                                || name.startsWith("H2") || name.startsWith("MVStore") ? "platform"
                        : name.startsWith("grpc") || name.contains("ELG") || name.contains("netty") ? "transport"
                        : name.equals("bench-feed") ? "feed" : "other";
                nanos.merge(role, e.getValue() - before.getOrDefault(e.getKey(), 0L), Long::sum);
            }
            Map<String, Double> seconds = new LinkedHashMap<>();
            nanos.forEach((k, v) -> seconds.put(k, v / 1e9));
            return seconds;
        }
    }

    private static Report report(Settings settings, LedgerNode node, SmartCityPlatform platform, CryptoBound crypto,
            List<long[]> outcomes, long sealed, Map<String, Double> cpu) throws SQLException {
        int n = outcomes.size();
        long start = outcomes.stream().mapToLong(o -> o[0]).min().orElse(0);
        long[] latency = new long[n];
        long last = start;
        TreeMap<Integer, List<Long>> bySecond = new TreeMap<>();
        int i = 0;
        for (long[] o : outcomes) {
            long stored = o[1];
            latency[i++] = stored - o[0];
            last = Math.max(last, stored);
            bySecond.computeIfAbsent((int) ((stored - start) / 1_000_000_000L), k -> new ArrayList<>()).add(stored - o[0]);
        }
        Arrays.sort(latency);
        double seconds = (last - start) / 1e9;
        List<Slice> timeline = new ArrayList<>();
        if (!bySecond.isEmpty()) {
            for (int s = 0; s <= bySecond.lastKey(); s++) {
                List<Long> l = bySecond.getOrDefault(s, List.of());
                long[] sorted = l.stream().mapToLong(Long::longValue).sorted().toArray();
                timeline.add(new Slice(s, sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99)));
            }
        }
        long stored = platform.store().count("kpi_storage");
        long verified = platform.store().verifiedRecords();
        double rate = seconds > 0 ? n / seconds : 0;
        return new Report(settings, sealed, n, stored, verified, node.status().height(), seconds, rate,
                percentile(latency, 0.50), percentile(latency, 0.99), n == 0 ? 0 : latency[n - 1] / 1e6, cpu, crypto,
                rate / crypto.boundPerSecond(), timeline);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /**
     * @param report a report
     * @return the plot of its timeline
     */
    public static String plot(Report report) {
        int n = report.timeline().size();
        double[] xs = new double[n];
        double[] rate = new double[n];
        double[] p50 = new double[n];
        double[] p99 = new double[n];
        for (int i = 0; i < n; i++) {
            Slice s = report.timeline().get(i);
            xs[i] = s.second() + 0.5;
            rate[i] = s.stored();
            p50[i] = s.p50Millis();
            p99[i] = s.p99Millis();
        }
        String title = String.format(java.util.Locale.ROOT, "bkdms bench: %d sites, %s, %.0f records/s end to end"
                + " (%.0f %% of the crypto bound)", report.settings().sites(), report.settings().rate() > 0
                        ? String.format(java.util.Locale.ROOT, "offered %.0f/s", report.settings().rate()) : "saturation",
                report.recordsPerSecond(), 100 * report.ratio());
        return SvgPlot.render(title, List.of(new SvgPlot.Series("stored", "#1f77b4", xs, rate)),
                List.of(new SvgPlot.Series("p50", "#2ca02c", xs, p50), new SvgPlot.Series("p99", "#d62728", xs, p99)));
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }
}
