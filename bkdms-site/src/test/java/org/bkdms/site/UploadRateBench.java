package org.bkdms.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.site.block.LedgerPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload rate of one site for several windows, against a real node over mutual TLS 1.3 with a file
 * block log that forces every block to disk. Not a unit test: it runs only with
 * {@code -Dbkdms.bench=true} and prints its figures (docs/PERFORMANCE.md, "Upload rate per site").
 *
 * <pre>
 * mvn -B -o -q -pl bkdms-site -am test -Dtest=UploadRateBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbkdms.bench=true [-Dbkdms.bench.blockMillis=200] [-Dbkdms.bench.seconds=20]
 * </pre>
 */
@EnabledIfSystemProperty(named = "bkdms.bench", matches = "true")
class UploadRateBench {
    private static final int[] WINDOWS = {1, 8, 32, 128};

    @TempDir
    Path dir;

    @Test
    void uploadRatePerSiteByWindow() throws Exception {
        long blockMillis = Long.getLong("bkdms.bench.blockMillis", 200);
        long seconds = Long.getLong("bkdms.bench.seconds", 20);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "block period %d ms, file block log (fsync per block), gRPC over mutual TLS 1.3,"
                + " JDK %s, %d CPUs", blockMillis, Runtime.version(), Runtime.getRuntime().availableProcessors()));
        lines.add("window | records | seconds | records/s | blocks with submissions | records per block");
        for (int window : WINDOWS) {
            lines.add(run(window, blockMillis, seconds));
            System.out.println(lines.get(lines.size() - 1));
        }
        Path out = Path.of("target", "upload-rate.txt");
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    /** Seals enough records to keep the window busy for about {@code seconds}, then times their upload. */
    private String run(int window, long blockMillis, long seconds) throws Exception {
        Path base = dir.resolve("w" + window);
        LedgerFixture fixture = new LedgerFixture(Long.MAX_VALUE / 2, SequenceRule.CONTIGUOUS);
        // a guess at the rate: one block per window, so each window size runs about as long
        int records = (int) Math.min(20_000, Math.max(20, seconds * 1000 / blockMillis * window));
        try (NetworkedNode net = new NetworkedNode(base.resolve("node"), fixture, Duration.ofMillis(blockMillis));
                LedgerClient client = net.siteClient(fixture.siteA)) {
            SiteConfig config = config(base, window, records);
            try (SamplingSite site = SamplingSite.create(config, LedgerPort.of(client), fixture.siteAKey, fixture.suites,
                    SamplingSite.collectorsOf(config), Clock.systemUTC(), List.of())) {
                int sealed = 0;
                for (int n; (n = site.collectOnce()) > 0;) {
                    sealed += n;
                }
                assertThat(sealed).isEqualTo(records);
                long t0 = System.nanoTime();
                int uploaded = site.uploadOnce();
                double s = (System.nanoTime() - t0) / 1e9;
                assertThat(uploaded).isEqualTo(records);
                net.node.flush();
                long blocks = 0;
                for (long h = 1; h < net.node.status().height(); h++) {
                    if (!net.node.block(h).transactions().isEmpty()) {
                        blocks++;
                    }
                }
                return String.format(Locale.ROOT, "%d | %d | %.1f | %.0f | %d | %.1f", window, records, s, records / s, blocks,
                        (double) records / blocks);
            }
        }
    }

    private static SiteConfig config(Path base, int window, int records) throws IOException {
        Files.createDirectories(base.resolve("inbox"));
        SiteTestBed.copy("mapping.yaml", base.resolve("mapping.yaml"));
        StringBuilder csv = new StringBuilder("time,kpi,value,unit\n");
        for (int i = 0; i < records; i++) {
            csv.append(String.format(Locale.ROOT, "%04d-%02d,EC: ICT: ICT: 1C,%d.%02d,%%%n", 1000 + i / 12, 1 + i % 12,
                    50 + i % 50, i % 100));
        }
        Files.writeString(base.resolve("inbox/rows.csv"), csv);
        Files.writeString(base.resolve("site.yaml"), SiteTestBed.siteYaml("""
                upload: { window: %d }
                sources:
                  - { name: files, type: folder, dir: inbox, chunkRows: 5000 }
                """.formatted(window)));
        return SiteConfig.read(base.resolve("site.yaml"));
    }
}
