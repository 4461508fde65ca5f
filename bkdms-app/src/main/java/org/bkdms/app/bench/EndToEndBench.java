package org.bkdms.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.keys.CertificateAuthority;
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
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.StreamingSubmitter;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.extraction.ChainFollower;
import org.bkdms.platform.store.DatabaseConfig;

/**
 * The end-to-end benchmark behind {@code bkdms bench}: every role in this JVM, talking gRPC over
 * mutual TLS 1.3 on loopback. Each site thread seals realistic KPI records (HPKE to the platform's
 * key, salted digest signed, submission signed: what a sampling site does per record) at a given
 * rate or as fast as its stream's window lets it, and streams them to a ledger node with a real,
 * fsyncing block log; the smart city platform follows the chain, verifies blocks and submissions,
 * decrypts, checks digests and stores every row in H2. A record's latency runs from the start of
 * its sealing to the moment the platform has committed its block's rows.
 *
 * <p>The same run also measures, on one thread and in thread CPU time, the cryptographic work
 * every record needs (seal, envelope signature check, digest signature check, decryption), which
 * bounds what any arrangement of the roles can reach on this machine's cores; the report gives the
 * ratio of the end-to-end rate to that bound.
 *
 * <p>What it does not include: the site's collectors, its durable outbox and its one-at-a-time
 * uploader (docs/SITE.md): with them a site's rate is bounded by the block period, so the
 * benchmark streams like a site with a pipelined uploader would.
 */
public final class EndToEndBench {
    private static final String CHAIN_ID = "bkdms://127.0.0.1/bench-e2e";
    private static final char[] PASSWORD = "bench-e2e".toCharArray();

    /**
     * The load.
     *
     * @param sites concurrent sites
     * @param records total records, or 0 to run for {@code duration}
     * @param duration how long the sites seal when {@code records} is 0
     * @param rate records per second over all sites, or 0 for as fast as possible
     * @param blockPeriod the ledger's processing time period
     * @param window submissions in flight per site stream
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
     * @param sealed records sealed at the sites
     * @param committed records the ledger committed
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
        try {
            return run(settings, out, dir);
        } finally {
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
        SuitePrivateKey nodeKey = keys.nodeKey();
        SuitePrivateKey platformKey = keys.platformKey();
        GenesisBuilder genesis = keys.genesis(Instant.now());
        List<SiteId> siteIds = new ArrayList<>();
        List<SuitePrivateKey> siteKeys = new ArrayList<>();
        for (int i = 0; i < settings.sites(); i++) {
            SiteId site = SiteId.parse("10.97." + (i / 250) + "." + (i % 250 + 1));
            siteIds.add(site);
            siteKeys.add(suite.generate(KeyPurpose.SIGNING));
            genesis.site(site, "bench site " + i, siteKeys.get(i).publicKey());
        }
        CertificateAuthority.Issued nodeTls = ca.issue("node-1", "node", null, List.of("127.0.0.1"), List.of("localhost"),
                Duration.ofDays(1));
        try (LedgerNode node = LedgerNode.open(FileBlockLog.open(dir.resolve("node")), new ContractState(suites,
                KpiCatalogue.u4ssc()), new SoloOrderer.Settings(CHAIN_ID, "node-1", nodeKey, settings.blockPeriod(), 10_000,
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
                List<LedgerClient> clients = new ArrayList<>();
                for (int s = 0; s < settings.sites(); s++) {
                    CertificateAuthority.Issued tls = ca.issue("site " + s, "site", siteIds.get(s), List.of(), List.of(),
                            Duration.ofDays(1));
                    clients.add(LedgerClient.newBuilder().target("127.0.0.1", server.port()).submitWindow(settings.window())
                            .credentials(TlsCredentials.of(tls.privateKey(), tls.chain(), List.of(ca.certificate()))).build());
                }
                try {
                    return load(settings, out, node, platform, follower, siteIds, siteKeys, platformKey, crypto, clients);
                } finally {
                    clients.forEach(LedgerClient::close);
                }
            }
        }
    }

    private static Report load(Settings settings, PrintWriter out, LedgerNode node, SmartCityPlatform platform,
            ChainFollower follower, List<SiteId> siteIds, List<SuitePrivateKey> siteKeys, SuitePrivateKey platformKey,
            CryptoBound crypto, List<LedgerClient> clients) throws IOException, SQLException, InterruptedException {
        say(out, "[2/4] %d sites %s %s to a ledger node (block period %d ms) followed by the platform (H2)",
                settings.sites(), settings.rate() > 0 ? String.format("sealing %.0f records/s in all", settings.rate())
                        : "sealing as fast as they can", settings.records() > 0 ? settings.records() + " records"
                        : "for " + settings.duration().toSeconds() + " s", settings.blockPeriod().toMillis());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpuBefore = cpuByThread(threads);
        ConcurrentLinkedQueue<long[]> outcomes = new ConcurrentLinkedQueue<>();
        AtomicLong sealed = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong siteCpu = new AtomicLong();
        Map<Long, Long> storedAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = settings.records() > 0 ? Long.MAX_VALUE : start + settings.duration().toNanos();
        long storedBefore = follower.status().storedHeight();
        Thread monitor = new Thread(() -> watchStored(follower, storedBefore, storedAt), "bench-stored-monitor");
        monitor.setDaemon(true);
        monitor.start();
        List<Thread> siteThreads = new ArrayList<>();
        for (int s = 0; s < settings.sites(); s++) {
            int site = s;
            long quota = settings.records() > 0 ? settings.records() / settings.sites()
                    + (s < settings.records() % settings.sites() ? 1 : 0) : Long.MAX_VALUE;
            double interval = settings.rate() > 0 ? 1e9 * settings.sites() / settings.rate() : 0;
            Thread t = new Thread(() -> {
                PacketSealer sealer = new PacketSealer(platformKey.publicKey(), siteKeys.get(site));
                try (StreamingSubmitter submitter = clients.get(site).openSubmitter()) {
                    for (long n = 1; n <= quota; n++) {
                        if (interval > 0) {
                            long due = start + (long) ((n - 1) * interval);
                            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        long sealStart = System.nanoTime();
                        if (sealStart > end) {
                            break;
                        }
                        byte[] tx = LedgerTransaction.sign(new KpiSubmission(siteIds.get(site), n, Instant.now(),
                                sealer.seal(record(siteIds.get(site), n)).encoded()), siteKeys.get(site)).encoded();
                        sealed.incrementAndGet();
                        submitter.submit(tx).whenComplete((r, e) -> {
                            if (r != null && r.status() == SubmitResult.Status.COMMITTED) {
                                outcomes.add(new long[] {sealStart, r.height()});
                            } else {
                                refused.incrementAndGet();
                            }
                            answered.incrementAndGet();
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    siteCpu.addAndGet(threads.getCurrentThreadCpuTime());
                }
            }, "bench-site-" + s);
            t.start();
            siteThreads.add(t);
        }
        long lastPrint = start;
        long lastStored = 0;
        while (siteThreads.stream().anyMatch(Thread::isAlive) || answered.get() < sealed.get()) {
            Thread.sleep(20);
            long now = System.nanoTime();
            if (now - lastPrint >= 3_000_000_000L) {
                long stored = follower.status().rowsStored();
                say(out, "      %5.1f s: sealed %d, committed %d, stored %d (%.0f records/s stored)", (now - start) / 1e9,
                        sealed.get(), outcomes.size(), stored, (stored - lastStored) / ((now - lastPrint) / 1e9));
                lastPrint = now;
                lastStored = stored;
            }
            if (now - start > settings.duration().toNanos() + Duration.ofMinutes(10).toNanos()) {
                throw new IOException("the ledger did not answer every submission in time");
            }
        }
        long maxHeight = outcomes.stream().mapToLong(o -> o[1]).max().orElse(0);
        say(out, "[3/4] every submission answered; waiting for the platform to store block %d", maxHeight);
        if (!follower.awaitStored(maxHeight + 1, Duration.ofMinutes(10))) {
            throw new IOException("the platform did not store the chain within ten minutes: " + follower.status());
        }
        while (!storedAt.containsKey(maxHeight)) {
            Thread.sleep(1);
        }
        monitor.interrupt();
        Map<Long, Long> cpuAfter = cpuByThread(threads);
        return report(settings, node, platform, crypto, outcomes, sealed.get(), refused.get(), storedAt, start,
                cpuSeconds(threads, cpuBefore, cpuAfter, siteCpu.get()));
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

    private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** Thread CPU time per role, told apart by the names the roles give their threads. */
    private static Map<String, Double> cpuSeconds(ThreadMXBean threads, Map<Long, Long> before, Map<Long, Long> after,
            long siteNanos) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        nanos.put("sites", siteNanos);
        for (String role : new String[] {"node", "platform", "transport", "other"}) {
            nanos.put(role, 0L);
        }
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = threads.getThreadInfo(e.getKey());
            if (info == null || info.getThreadName().startsWith("bench-site-")) {
                continue;
            }
            String name = info.getThreadName();
            String role = name.startsWith("bkdms-orderer") || name.startsWith("bkdms-ledger-grpc") ? "node"
                    : name.startsWith("bkdms-follow") || name.startsWith("bkdms-open") || name.startsWith("bkdms-store")
                            || name.startsWith("H2") ? "platform"
                    : name.startsWith("grpc") || name.contains("ELG") || name.contains("netty") ? "transport" : "other";
            nanos.merge(role, e.getValue() - before.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanos.forEach((k, v) -> seconds.put(k, v / 1e9));
        return seconds;
    }

    private static Report report(Settings settings, LedgerNode node, SmartCityPlatform platform, CryptoBound crypto,
            ConcurrentLinkedQueue<long[]> outcomes, long sealed, long refused, Map<Long, Long> storedAt, long start,
            Map<String, Double> cpu) throws SQLException {
        int n = outcomes.size();
        long[] latency = new long[n];
        long last = start;
        TreeMap<Integer, List<Long>> bySecond = new TreeMap<>();
        int i = 0;
        for (long[] o : outcomes) {
            long stored = storedAt.get(o[1]);
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
