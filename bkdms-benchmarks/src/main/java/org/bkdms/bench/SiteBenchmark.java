package org.bkdms.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.tx.TxId;
import org.bkdms.site.SiteIdentity;
import org.bkdms.site.SiteProcessor;
import org.bkdms.site.block.LedgerPort;
import org.bkdms.site.block.PlatformKeyDirectory;
import org.bkdms.site.block.SubmissionSealer;
import org.bkdms.site.collection.Batch;
import org.bkdms.site.collection.FolderCollector;
import org.bkdms.site.collection.SourceRow;
import org.bkdms.site.computing.KpiMapping;
import org.bkdms.site.computing.RowComputer;
import org.bkdms.site.computing.UnitRegistry;
import org.bkdms.site.storage.SiteStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the sampling site's work per record, on one thread (suite 1, the sample mapping):
 *
 * <ul>
 *   <li>{@link #compute()}: a "long" statistics row through the mapping, unit conversion
 *       (MWh/capita/a to kWh/capita/a through JSR 385) and the catalogue's range check;</li>
 *   <li>{@link #seal()}: numbering, packet sealing (HPKE, digest, signature) and the signed
 *       {@code KpiSubmission} around it;</li>
 *   <li>{@link #collectComputeSealStore()}: the whole path of a CSV file of {@value #ROWS} rows:
 *       read from disk, computed, sealed and committed to the H2 outbox with the collector's
 *       checkpoint, per row.</li>
 * </ul>
 * Uploading is not included: it is bound by the ledger's block period, one submission at a time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class SiteBenchmark {
    static final int ROWS = 1000;

    private Path dir;
    private SiteStore store;
    private RowComputer computer;
    private SubmissionSealer sealer;
    private SiteProcessor processor;
    private SourceRow row;
    private SiteIdentity identity;
    private org.bkdms.core.record.UnifiedKpiRecord record;
    private byte[] csv;
    private final AtomicLong sequence = new AtomicLong();
    private int file;

    /** Creates the benchmark state; the data is built in {@link #setUp()}. */
    public SiteBenchmark() {
    }

    /**
     * Builds the site's pipeline over a fresh store, with a platform key published the way the
     * chain's key directory would report it.
     *
     * @throws IOException if the temporary store cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        CryptoSuites suites = CryptoSuites.standard();
        SuitePrivateKey platform = suites.defaultSuite().generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey siteKey = suites.defaultSuite().generate(KeyPurpose.SIGNING);
        dir = Files.createTempDirectory("bkdms-bench-site");
        store = SiteStore.open(dir.resolve("store"));
        identity = new SiteIdentity(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                SiteId.parse("10.20.0.7"));
        // the key directory as the chain reports it; nothing is submitted in this benchmark
        LedgerPort directory = new LedgerPort() {
            @Override
            public SubmitResult submit(byte[] transaction) {
                throw new UnsupportedOperationException("not uploading");
            }

            @Override
            public Optional<ProvenTransaction> transaction(TxId id) {
                return Optional.empty();
            }

            @Override
            public List<PlatformKeyEntry> platformKeys() {
                return List.of(new PlatformKeyEntry(platform.publicKey(), 0));
            }

            @Override
            public OptionalLong lastSequence(SiteId site) {
                return OptionalLong.empty();
            }
        };
        KpiCatalogue catalogue = KpiCatalogue.u4ssc();
        KpiMapping mapping;
        try (InputStream in = SiteBenchmark.class.getResourceAsStream("/sample/mapping.yaml")) {
            mapping = KpiMapping.read(in, catalogue);
        }
        computer = new RowComputer(mapping, catalogue, new UnitRegistry());
        sealer = new SubmissionSealer(identity.siteId(), siteKey, new PlatformKeyDirectory(directory, store, suites,
                siteKey.suite()), Clock.systemUTC());
        processor = new SiteProcessor(identity, mapping, computer, catalogue, sealer, store, Optional::empty,
                Clock.systemUTC(), Duration.ofHours(1));
        row = new SourceRow("bench", "bench.csv:2", Map.of("time", "2025-03", "kpi", "EN: E: E: 2C", "value", "7.912",
                "unit", "MWh/capita/a"));
        record = new org.bkdms.core.record.UnifiedKpiRecord(identity.countryRegion(), identity.city(), identity.siteId(),
                java.time.Instant.parse("2025-03-01T00:00:00Z"), computer.compute(row, Optional.empty()).observations().get(0)
                        .kpiData(), org.bkdms.core.record.Extending.empty().withSourceReference("bench.csv:2"));
        StringBuilder b = new StringBuilder("time,kpi,value,unit\n");
        String[] kpis = {"EC: ICT: ICT: 1C,96.5,%", "EN: E: E: 2C,7.9,MWh/capita/a", "EN: EN: WS: 2C,5.02,m3/capita/month",
            "EC: I: ES: 2C,41,min"};
        for (int i = 0; i < ROWS; i++) {
            b.append("2025-").append(String.format("%02d", i % 12 + 1)).append(',').append(kpis[i % kpis.length]).append('\n');
        }
        csv = b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Deletes the temporary store.
     *
     * @throws IOException if a file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** @return the computed observation */
    @Benchmark
    public Object compute() {
        return computer.compute(row, Optional.empty());
    }

    /** @return the sealed submission */
    @Benchmark
    public Object seal() {
        return sealer.seal(record, sequence.incrementAndGet());
    }

    /**
     * @return the outcome
     * @throws IOException if the file cannot be written or read
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Object collectComputeSealStore() throws IOException {
        Path inbox = dir.resolve("inbox");
        Files.createDirectories(inbox);
        // each file differs, or the collector would rightly recognise it as already taken in
        byte[] content = (new String(csv, StandardCharsets.UTF_8) + "2025-12,EC: ICT: ICT: 1C," + (file++ % 100) + ",%\n")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(inbox.resolve("f.csv"), content);
        try (FolderCollector c = new FolderCollector("files", inbox, dir.resolve("done"), ROWS + 1)) {
            List<SiteProcessor.Outcome> out = new ArrayList<>();
            Optional<Batch> b;
            while ((b = c.poll(store)).isPresent()) {
                out.add(processor.process(b.get()));
            }
            return out;
        }
    }
}
