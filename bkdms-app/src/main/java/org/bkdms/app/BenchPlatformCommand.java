package org.bkdms.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.bkdms.app.bench.BenchChain;
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
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.extraction.ChainFollower;
import org.bkdms.platform.store.DatabaseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms bench platform}: records per second the smart city platform extracts, verifies, decrypts and stores. */
@Command(name = "platform", description = {
    "Records per second the smart city platform extracts from a chain over gRPC with mutual TLS,",
    "verifies (blocks, node signatures, contract replay, site signatures), decrypts and stores in",
    "batched database transactions. A node in this JVM first commits the records (not timed); the",
    "clock then runs from the platform's start until its cursor reaches the chain's head."})
final class BenchPlatformCommand implements Callable<Integer> {
    private static final char[] PASSWORD = "bench-platform".toCharArray();

    @Spec
    CommandSpec spec;

    @Option(names = "--records", defaultValue = "20000", description = "KPI records on the chain (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--sites", defaultValue = "8", description = "Sampling sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--block-transactions", defaultValue = "500",
            description = "Transactions per block (default: ${DEFAULT-VALUE}).")
    int blockTransactions;

    @Option(names = "--batch-blocks", defaultValue = "16",
            description = "Blocks stored per database transaction (default: ${DEFAULT-VALUE}).")
    int batchBlocks;

    @Option(names = "--database-url", paramLabel = "JDBC",
            description = "Database to store into, empty; default: a new embedded H2 file.")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "bkdms", description = "Default: ${DEFAULT-VALUE}.")
    String databaseUser;

    @Option(names = "--database-password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path databasePasswordFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CryptoSuites suites = CryptoSuites.standard();
        CryptoSuite suite = suites.defaultSuite();
        Path dir = Files.createTempDirectory("bkdms-bench-platform");
        BenchChain keys = BenchChain.create(suites, dir, PASSWORD);
        CertificateAuthority ca = keys.ca();
        SuitePrivateKey nodeKey = keys.nodeKey();
        SuitePrivateKey platformKey = keys.platformKey();

        List<SiteId> siteIds = new ArrayList<>();
        List<SuitePrivateKey> siteKeys = new ArrayList<>();
        Instant now = Instant.now();
        GenesisBuilder genesis = keys.genesis(now);
        for (int i = 0; i < sites; i++) {
            SiteId site = SiteId.parse("10.98." + (i / 250) + "." + (i % 250 + 1));
            siteIds.add(site);
            siteKeys.add(suite.generate(KeyPurpose.SIGNING));
            genesis.site(site, "bench site " + i, siteKeys.get(i).publicKey());
        }
        int perSite = Math.max(1, records / sites);
        out.printf("[1/3] sealing and committing %d records from %d sites (not timed)%n", perSite * sites, sites);
        out.flush();
        byte[][][] txs = new byte[sites][perSite][];
        IntStream.range(0, sites).parallel().forEach(s -> {
            PacketSealer sealer = new PacketSealer(platformKey.publicKey(), siteKeys.get(s));
            for (int n = 0; n < perSite; n++) {
                UnifiedKpiRecord r = new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                        siteIds.get(s), now.plusSeconds(n), KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3,
                        Map.of("pm_10", KpiValue.of("14.2"), "pm_2.5", KpiValue.of("6.8"))),
                        Extending.empty().withSequenceNumber(n + 1L));
                txs[s][n] = LedgerTransaction.sign(new KpiSubmission(siteIds.get(s), n + 1L, now, sealer.seal(r).encoded()),
                        siteKeys.get(s)).encoded();
            }
        });
        String chainId = "bkdms://127.0.0.1/bench-platform";
        CertificateAuthority.Issued nodeTls = ca.issue("node-1", "node", null, List.of("127.0.0.1"), List.of("localhost"),
                Duration.ofDays(1));
        try (LedgerNode node = LedgerNode.open(FileBlockLog.open(dir.resolve("data")), new ContractState(suites,
                KpiCatalogue.u4ssc()), new SoloOrderer.Settings(chainId, "node-1", nodeKey, Duration.ofMillis(100),
                        blockTransactions, 8L << 20, Clock.systemUTC()))) {
            node.initialize(genesis.build());
            List<CompletableFuture<SubmitResult>> pending = new ArrayList<>();
            for (int n = 0; n < perSite; n++) {
                for (int s = 0; s < sites; s++) {
                    pending.add(node.submit(txs[s][n]));
                }
            }
            long committed = pending.stream().map(CompletableFuture::join)
                    .filter(r -> r.status() == SubmitResult.Status.COMMITTED).count();
            long head = node.status().height();
            LedgerServer server = LedgerServer.newBuilder().node(node).address("127.0.0.1", 0)
                    .credentials(TlsCredentials.of(nodeTls.privateKey(), nodeTls.chain(), List.of(ca.certificate())))
                    .build().start();
            try {
                DatabaseConfig db = databaseUrl == null ? DatabaseConfig.h2File(dir.resolve("db/platform"))
                        : new DatabaseConfig(databaseUrl, databaseUser, databasePasswordFile == null ? ""
                                : Files.readAllLines(databasePasswordFile).get(0), 4);
                PlatformConfig config = new PlatformConfig(dir.resolve("platform.p12"), dir.resolve("ca.pem"), dir,
                        null, List.of(new PlatformConfig.Ledger(chainId, "127.0.0.1:" + server.port(), null)), null, batchBlocks);
                out.printf("[2/3] chain of %d blocks, %d records committed; platform following it into %s%n", head,
                        committed, db.isPostgres() ? "PostgreSQL" : "H2");
                out.flush();
                long start = System.nanoTime();
                double seconds;
                ChainFollower.Status status;
                try (SmartCityPlatform platform = SmartCityPlatform.newBuilder().config(config).password(PASSWORD).database(db)
                        .start()) {
                    ChainFollower f = platform.followers().get(chainId);
                    if (!f.awaitStored(head, Duration.ofMinutes(30))) {
                        throw new IllegalStateException("the platform did not reach the head: " + f.status());
                    }
                    seconds = (System.nanoTime() - start) / 1e9;
                    status = f.status();
                }
                double rate = status.rowsStored() / seconds;
                out.printf("[3/3] results%n");
                out.printf("  stored                  %d records (%d values), %d blocks%n", status.rowsStored(),
                        status.rowsStored() * 2, status.storedHeight());
                out.printf("  rate                    %.0f records/s over %.2f s (%s, %d blocks per transaction)%n", rate,
                        seconds, db.isPostgres() ? "PostgreSQL" : "H2", batchBlocks);
                if (json != null) {
                    ObjectNode o = new RecordJson().mapper().createObjectNode();
                    o.put("benchmark", "platform");
                    o.put("database", db.isPostgres() ? "postgresql" : "h2");
                    o.put("records", status.rowsStored());
                    o.put("blocks", status.storedHeight());
                    o.put("seconds", seconds);
                    o.put("recordsPerSecond", rate);
                    o.put("batchBlocks", batchBlocks);
                    Files.writeString(json, o.toPrettyString());
                }
            } finally {
                server.close();
            }
        }
        return ExitCodes.OK;
    }
}
