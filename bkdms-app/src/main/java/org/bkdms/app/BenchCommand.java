package org.bkdms.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.bkdms.app.bench.EndToEndBench;
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
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.cluster.LocalCluster;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.StreamingSubmitter;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bkdms bench}: the end-to-end benchmark of every role together ({@link EndToEndBench}); the
 * subcommands measure the ledger node and the platform alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {
    "End-to-end benchmark of all roles together: records/s, latency, CPU, crypto bound.",
    "Real sampling sites take air-quality rows from CSV files dropped into their folder collectors, seal",
    "them into their outboxes and upload them over mutual TLS to a ledger node; the smart city platform",
    "follows, verifies, decrypts and stores them; all in this JVM. Prints and writes (JSON and",
    "an SVG plot) the sustained records/s from sealed to stored, p50/p99 latency, CPU per role, and the",
    "crypto-bound limit measured in the same run with the ratio to it. Subcommands measure one role alone."},
        subcommands = {BenchCommand.Ledger.class, BenchPlatformCommand.class})
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sites", defaultValue = "4", description = "Concurrent sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--records", defaultValue = "0", paramLabel = "N",
            description = "Records in all; 0 (the default) runs for --duration instead.")
    long records;

    @Option(names = "--duration", defaultValue = "20", paramLabel = "SECONDS",
            description = "How long the sites are fed when --records is 0 (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
            description = "Rows per second fed to all sites together; 0 (the default) keeps each site's inbox"
                    + " and outbox full (saturation).")
    double rate;

    @Option(names = "--block-period-ms", defaultValue = "100",
            description = "The ledger's processing time period (default: ${DEFAULT-VALUE}).")
    long blockPeriod;

    // the site's own default: a larger window adds in-flight queue (latency) without adding records/s
    @Option(names = "--window", defaultValue = "32",
            description = "Each site's upload.window: submissions in flight at once, 1..4096 (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--json", paramLabel = "FILE", defaultValue = "bench-e2e.json",
            description = "Where the results go as JSON (default: ${DEFAULT-VALUE}).")
    Path json;

    @Option(names = "--svg", paramLabel = "FILE", defaultValue = "bench-e2e.svg",
            description = "Where the plot of throughput and latency over time goes (default: ${DEFAULT-VALUE}).")
    Path svg;

    @Override
    public Integer call() throws Exception {
        if (sites < 1 || records < 0 || durationSeconds < 1 || rate < 0 || blockPeriod < 1 || window < 1 || window > 4096) {
            throw new InputException("--sites, --duration and --block-period-ms must be positive, --window 1..4096,"
                    + " --records and --rate not negative", null);
        }
        PrintWriter out = spec.commandLine().getOut();
        EndToEndBench.Report r = EndToEndBench.run(new EndToEndBench.Settings(sites, records,
                Duration.ofSeconds(durationSeconds), rate, Duration.ofMillis(blockPeriod), window), out);
        out.printf("[4/4] results%n");
        out.printf("  records                 sealed %d, committed %d, stored %d, verified %d, in %d blocks%n", r.sealed(),
                r.committed(), r.stored(), r.verified(), r.blocks());
        out.printf("  end to end              %.0f records/s sustained over %.1f s (sealed at the sites -> verified and"
                + " stored at the platform)%n", r.recordsPerSecond(), r.seconds());
        out.printf("  seal -> stored          p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", r.p50Millis(), r.p99Millis(),
                r.maxMillis());
        StringBuilder cpu = new StringBuilder();
        r.cpuSeconds().forEach((k, v) -> cpu.append(String.format(" %s %.1f s (%.0f us/record)", k, v,
                r.committed() == 0 ? 0 : v * 1e6 / r.committed())));
        out.printf("  thread CPU              %s%n", cpu.toString().trim());
        EndToEndBench.CryptoBound c = r.crypto();
        out.printf("  crypto per core         seal %.0f/s, envelope verify %.0f/s, digest verify %.0f/s, open %.0f/s;"
                + " combined %.0f records/s%n", c.sealPerSecond(), c.envelopeVerifyPerSecond(), c.digestVerifyPerSecond(),
                c.openPerSecond(), c.combinedPerSecond());
        out.printf("  crypto-bound limit      %.0f records/s on %d cores; end to end reaches %.1f %% of it%n",
                c.boundPerSecond(), c.cores(), 100 * r.ratio());
        RecordJson j = new RecordJson();
        Files.writeString(json, j.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(j, r)));
        Files.writeString(svg, EndToEndBench.plot(r));
        out.printf("  written                 %s, %s%n", json, svg);
        return r.stored() == r.sealed() && r.verified() == r.sealed() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }

    private static ObjectNode toJson(RecordJson j, EndToEndBench.Report r) {
        ObjectNode o = j.mapper().createObjectNode();
        o.put("benchmark", "end-to-end");
        o.put("sites", r.settings().sites()).put("recordsRequested", r.settings().records())
                .put("durationSeconds", r.settings().duration().toSeconds()).put("offeredRate", r.settings().rate())
                .put("blockPeriodMillis", r.settings().blockPeriod().toMillis()).put("window", r.settings().window());
        o.put("sealed", r.sealed()).put("committed", r.committed()).put("stored", r.stored()).put("verified", r.verified())
                .put("blocks", r.blocks());
        o.put("seconds", r.seconds()).put("recordsPerSecond", r.recordsPerSecond());
        o.put("latencyP50Millis", r.p50Millis()).put("latencyP99Millis", r.p99Millis()).put("latencyMaxMillis", r.maxMillis());
        ObjectNode cpu = o.putObject("cpuSeconds");
        r.cpuSeconds().forEach(cpu::put);
        EndToEndBench.CryptoBound c = r.crypto();
        ObjectNode crypto = o.putObject("cryptoBound");
        crypto.put("sealPerSecond", c.sealPerSecond()).put("envelopeVerifyPerSecond", c.envelopeVerifyPerSecond())
                .put("digestVerifyPerSecond", c.digestVerifyPerSecond()).put("openPerSecond", c.openPerSecond())
                .put("combinedPerSecondPerCore", c.combinedPerSecond()).put("cores", c.cores())
                .put("recordsPerSecond", c.boundPerSecond());
        o.put("ratioToCryptoBound", r.ratio());
        var timeline = o.putArray("timeline");
        for (EndToEndBench.Slice s : r.timeline()) {
            timeline.addObject().put("second", s.second()).put("stored", s.stored()).put("p50Millis", s.p50Millis())
                    .put("p99Millis", s.p99Millis());
        }
        o.put("java", Runtime.version().toString());
        return o;
    }

    @Command(name = "ledger", description = {
        "Sustained submissions per second into one ledger node over gRPC with mutual TLS 1.3, from many",
        "concurrent sites streaming realistic sealed packets, with submit-to-commit latency. The node",
        "runs in this JVM on loopback with a real, fsyncing block log in a temporary directory;",
        "packets are sealed before the clock starts so that the node, not the sites, is measured."})
    static final class Ledger implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--sites", defaultValue = "8", description = "Concurrent sites (default: ${DEFAULT-VALUE}).")
        int sites;

        @Option(names = "--per-site", defaultValue = "1500", description = "Submissions per site (default: ${DEFAULT-VALUE}).")
        int perSite;

        @Option(names = "--block-period-ms", defaultValue = "1000",
                description = "Processing time period (default: ${DEFAULT-VALUE}).")
        long blockPeriod;

        @Option(names = "--window", defaultValue = "256",
                description = "Submissions in flight per site stream (default: ${DEFAULT-VALUE}); with a block period P, "
                        + "a stream cannot exceed window/P submissions per second.")
        int window;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
        Path json;

        @Option(names = "--nodes", defaultValue = "1",
                description = "Ledger nodes (default: ${DEFAULT-VALUE}); more than one runs a cluster on Apache Ratis in this JVM "
                        + "(default quorum: more than two thirds), site s streaming to node s mod N, and then measures failover.")
        int nodes;

        @Option(names = "--quorum", defaultValue = "0", paramLabel = "N",
                description = "Node signatures that make a block final, written into genesis; 0 (default) for more than two thirds.")
        int quorum;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            CryptoSuites suites = CryptoSuites.standard();
            CryptoSuite suite = suites.defaultSuite();
            Path dir = Files.createTempDirectory("bkdms-bench-ledger");
            out.printf("[1/4] keys, certificates and genesis for %d sites%n", sites);
            out.flush();
            CertificateAuthority ca = CertificateAuthority.create("bench CA", Duration.ofDays(1));
            SuitePrivateKey admin = suite.generate(KeyPurpose.SIGNING);
            SuitePrivateKey nodeKey = suite.generate(KeyPurpose.SIGNING);
            SuitePrivateKey platform = suite.generate(KeyPurpose.ENCRYPTION);
            List<SiteId> siteIds = new ArrayList<>();
            List<SuitePrivateKey> siteKeys = new ArrayList<>();
            if (nodes < 1) {
                throw new InputException("--nodes must be at least 1", null);
            }
            for (int i = 0; i < sites; i++) {
                siteIds.add(SiteId.parse("10.99." + (i / 250) + "." + (i % 250 + 1)));
                siteKeys.add(suite.generate(KeyPurpose.SIGNING));
            }
            Instant now = Instant.now();
            java.util.function.Function<Map<String, org.bkdms.core.crypto.SuitePublicKey>, List<LedgerTransaction>> genesisOf = nodeKeys -> {
                GenesisBuilder builder = GenesisBuilder.signedBy(admin).quorum(quorum)
                        .contracts(new AdminAction.DeployContracts(1, 65536, Long.MAX_VALUE / 2, 60, 10, List.of(1, 2)))
                        .platformKey(platform.publicKey());
                nodeKeys.forEach(builder::node);
                for (int i = 0; i < sites; i++) {
                    builder.site(siteIds.get(i), "bench site " + i, siteKeys.get(i).publicKey());
                }
                return builder.issuedAt(now).build();
            };

            out.printf("[2/4] sealing %d packets (not timed)%n", sites * perSite);
            out.flush();
            byte[][][] txs = new byte[sites][perSite][];
            IntStream.range(0, sites).parallel().forEach(s -> {
                PacketSealer sealer = new PacketSealer(platform.publicKey(), siteKeys.get(s));
                for (int n = 0; n < perSite; n++) {
                    UnifiedKpiRecord r = new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE,
                            "NOTRD"), siteIds.get(s), now.plusSeconds(n), KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"),
                            KpiUnit.MICROGRAM_PER_M3, Map.of("pm_10", KpiValue.of("14.2"), "pm_2.5", KpiValue.of("6.8"))),
                            Extending.empty().withSequenceNumber(n + 1L));
                    txs[s][n] = LedgerTransaction.sign(new KpiSubmission(siteIds.get(s), n + 1L, now,
                            sealer.seal(r).encoded()), siteKeys.get(s)).encoded();
                }
            });

            NodeUnderTest target = nodes == 1 ? single(dir, ca, nodeKey, genesisOf.apply(Map.of("node-1", nodeKey.publicKey())))
                    : cluster(dir, ca, genesisOf);
            try (target) {
                out.printf("[3/4] %d sites streaming %d submissions each to %s over mutual TLS%n", sites, perSite,
                        nodes == 1 ? target.targets().get(0) : nodes + " cluster nodes " + target.targets());
                out.flush();
                long[] latencies = new long[sites * perSite];
                AtomicLong committed = new AtomicLong();
                AtomicLong other = new AtomicLong();
                CountDownLatch done = new CountDownLatch(sites * perSite);
                List<LedgerClient> clients = new ArrayList<>();
                for (int s = 0; s < sites; s++) {
                    CertificateAuthority.Issued tls = ca.issue("site " + s, "site", siteIds.get(s), List.of(), List.of(),
                            Duration.ofDays(1));
                    clients.add(LedgerClient.newBuilder().target(target.targets().get(s % target.targets().size())).submitWindow(window)
                            .credentials(TlsCredentials.of(tls.privateKey(), tls.chain(), List.of(ca.certificate())))
                            .build());
                }
                long start = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int s = 0; s < sites; s++) {
                    int site = s;
                    Thread t = new Thread(() -> {
                        try (StreamingSubmitter submitter = clients.get(site).openSubmitter()) {
                            for (int n = 0; n < perSite; n++) {
                                int slot = site * perSite + n;
                                long sent = System.nanoTime();
                                submitter.submit(txs[site][n]).whenComplete((r, e) -> {
                                    latencies[slot] = System.nanoTime() - sent;
                                    if (r != null && r.status() == SubmitResult.Status.COMMITTED) {
                                        committed.incrementAndGet();
                                    } else {
                                        other.incrementAndGet();
                                    }
                                    done.countDown();
                                });
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "bench-site-" + s);
                    t.start();
                    threads.add(t);
                }
                done.await();
                double seconds = (System.nanoTime() - start) / 1e9;
                for (Thread t : threads) {
                    t.join();
                }
                clients.forEach(LedgerClient::close);
                long[] sorted = latencies.clone();
                Arrays.sort(sorted);
                double rate = committed.get() / seconds;
                double p50 = sorted[sorted.length / 2] / 1e6;
                double p99 = sorted[(int) (sorted.length * 0.99)] / 1e6;
                double max = sorted[sorted.length - 1] / 1e6;
                var status = target.status();
                out.printf("[4/4] results%n");
                out.printf("  committed               %d of %d (%d not committed)%n", committed.get(), sites * perSite,
                        other.get());
                out.printf("  sustained rate          %.0f submissions/s over %.1f s%n", rate, seconds);
                out.printf("  submit -> committed     p50 %.1f ms, p99 %.1f ms, max %.1f ms (block period %d ms)%n",
                        p50, p99, max, blockPeriod);
                out.printf("  chain                   height %d, %d transactions, %d bytes%n", status.height(),
                        status.transactions(), status.logBytes());
                double failoverMillis = nodes > 1 ? failover(target, siteIds.get(0), siteKeys.get(0), platform, ca, out) : -1;
                if (json != null) {
                    RecordJson j = new RecordJson();
                    ObjectNode o = j.mapper().createObjectNode();
                    o.put("benchmark", "ledger");
                    o.put("sites", sites).put("perSite", perSite).put("blockPeriodMillis", blockPeriod).put("nodes", nodes);
                    if (failoverMillis >= 0) {
                        o.put("failoverMillis", failoverMillis);
                    }
                    o.put("committed", committed.get()).put("seconds", seconds).put("submissionsPerSecond", rate);
                    o.put("latencyP50Millis", p50).put("latencyP99Millis", p99).put("latencyMaxMillis", max);
                    o.put("cores", Runtime.getRuntime().availableProcessors()).put("java", Runtime.version().toString());
                    Files.writeString(json, j.mapper().writeValueAsString(o));
                }
                return committed.get() == (long) sites * perSite ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
            }
        }

        /** The ledger the sites talk to: one node or a cluster, with its API targets. */
        private interface NodeUnderTest extends AutoCloseable {
            List<String> targets();

            org.bkdms.ledger.node.NodeStatus status();

            @Override
            void close() throws java.io.IOException;
        }

        private NodeUnderTest single(Path dir, CertificateAuthority ca, SuitePrivateKey nodeKey, List<LedgerTransaction> genesis)
                throws Exception {
            CertificateAuthority.Issued nodeTls = ca.issue("node-1", "node", null, List.of("127.0.0.1"), List.of("localhost"),
                    Duration.ofDays(1));
            LedgerNode node = LedgerNode.open(FileBlockLog.open(dir.resolve("data")), new ContractState(CryptoSuites.standard(),
                    KpiCatalogue.u4ssc()), new SoloOrderer.Settings("bkdms://127.0.0.1/bench", "node-1", nodeKey,
                            Duration.ofMillis(blockPeriod), 10_000, 8L << 20, Clock.systemUTC()));
            node.initialize(genesis);
            LedgerServer server = LedgerServer.newBuilder().node(node).address("127.0.0.1", 0).submitWindow(window)
                    .credentials(TlsCredentials.of(nodeTls.privateKey(), nodeTls.chain(), List.of(ca.certificate()))).build().start();
            return new NodeUnderTest() {
                @Override
                public List<String> targets() {
                    return List.of("127.0.0.1:" + server.port());
                }

                @Override
                public org.bkdms.ledger.node.NodeStatus status() {
                    return node.status();
                }

                @Override
                public void close() throws java.io.IOException {
                    server.close();
                    node.close();
                }
            };
        }

        private NodeUnderTest cluster(Path dir, CertificateAuthority ca,
                java.util.function.Function<Map<String, org.bkdms.core.crypto.SuitePublicKey>, List<LedgerTransaction>> genesis)
                throws Exception {
            // the failover measurement makes Ratis log every refused connection with its stack trace
            ratisLog.setLevel(java.util.logging.Level.OFF);
            LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), "bkdms://127.0.0.1/bench", nodes, ca,
                    Duration.ofMillis(blockPeriod), Duration.ofMillis(500), genesis);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cluster.node(0).chain().height() < 1) {
                if (System.nanoTime() > deadline) {
                    cluster.close();
                    throw new java.io.IOException("the cluster did not finalize its genesis block within 60 s");
                }
                Thread.sleep(10);
            }
            this.localCluster = cluster;
            return new NodeUnderTest() {
                @Override
                public List<String> targets() {
                    return cluster.apiTargets();
                }

                @Override
                public org.bkdms.ledger.node.NodeStatus status() {
                    for (int i = 0; i < cluster.size(); i++) {
                        if (cluster.node(i) != null) {
                            return cluster.node(i).status();
                        }
                    }
                    throw new IllegalStateException("no node runs");
                }

                @Override
                public void close() {
                    cluster.close();
                }
            };
        }

        private LocalCluster localCluster;
        private final java.util.logging.Logger ratisLog = java.util.logging.Logger.getLogger("org.apache.ratis");

        /** Stops the leader and times the first submission that commits through a client of every node. */
        private double failover(NodeUnderTest target, SiteId site, SuitePrivateKey key,
                SuitePrivateKey platform, CertificateAuthority ca, PrintWriter out) throws Exception {
            LocalCluster cluster = localCluster;
            int q = quorum != 0 ? quorum : AdminAction.EstablishChain.defaultQuorum(nodes);
            if (q > nodes - 1) {
                out.printf("  failover                not measured: a quorum of %d of %d nodes cannot survive losing one%n", q, nodes);
                return -1;
            }
            CertificateAuthority.Issued tls = ca.issue("failover site", "site", site, List.of(), List.of(), Duration.ofDays(1));
            try (LedgerClient client = LedgerClient.newBuilder().targets(target.targets()).deadline(Duration.ofSeconds(10))
                    .credentials(TlsCredentials.of(tls.privateKey(), tls.chain(), List.of(ca.certificate()))).build()) {
                PacketSealer sealer = new PacketSealer(platform.publicKey(), key);
                long seq = perSite + 1;
                int leader = cluster.leader().orElseThrow();
                long stopped = System.nanoTime();
                cluster.stop(leader);
                UnifiedKpiRecord r = new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"), site,
                        Instant.now(), KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3,
                                Map.of("pm_10", KpiValue.of("14.2"))), Extending.empty().withSequenceNumber(seq));
                SubmitResult result = client.submit(LedgerTransaction.sign(new KpiSubmission(site, seq, Instant.now(),
                        sealer.seal(r).encoded()), key));
                double millis = (System.nanoTime() - stopped) / 1e6;
                out.printf("  failover                leader node-%d stopped; next submission %s %.0f ms later%n", leader + 1,
                        result.status(), millis);
                return millis;
            }
        }
    }
}
