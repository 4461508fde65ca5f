package org.bkdms.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.blocklog.MemoryBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.site.block.LedgerPort;

/**
 * A real ledger node in this JVM (memory block log, 20 ms blocks) with the fixture's genesis, and
 * helpers to build sites against it from the sample configuration.
 */
final class SiteTestBed implements AutoCloseable {
    final LedgerFixture fixture;
    final LedgerNode node;
    final Path dir;

    /** A chain with the contiguous sequence rule, as new deployments have. */
    SiteTestBed(Path dir) throws IOException {
        this(dir, SequenceRule.CONTIGUOUS);
    }

    SiteTestBed(Path dir, SequenceRule rule) throws IOException {
        this.dir = dir;
        this.fixture = new LedgerFixture(1_000_000, rule);
        node = LedgerNode.open(new MemoryBlockLog(), fixture.newState(), new SoloOrderer.Settings(LedgerFixture.CHAIN_ID,
                LedgerFixture.NODE_ID, fixture.node, Duration.ofMillis(20), 1000, 1 << 20, Clock.systemUTC()));
        node.initialize(fixture.genesis());
        copy("mapping.yaml", dir.resolve("mapping.yaml"));
        Files.writeString(dir.resolve("site.yaml"), siteYaml("""
                pollMillis: 20
                keyRefreshSeconds: 0
                sources:
                  - name: files
                    type: folder
                    dir: inbox
                    doneDir: done
                    chunkRows: 40
                """));
        Files.createDirectories(dir.resolve("inbox"));
    }

    /**
     * @param more the lines that differ between tests (sources, window, polling)
     * @return a site.yaml for the fixture's site A over {@code mapping.yaml}, its keys given to it in
     *     code, with retries that back off for milliseconds and periods sealed at once
     */
    static String siteYaml(String more) {
        return """
                siteId: 10.20.0.7
                countryRegion: "578"
                city: { scheme: UNLOCODE, code: NOTRD }
                dataDir: data
                keystore: unused.p12
                trustedCa: unused.pem
                ledger: 127.0.0.1:1
                mapping: mapping.yaml
                closeAfterSeconds: 0
                backoff: { initialMillis: 5, maxMillis: 50 }
                """ + more;
    }

    static void copy(String sample, Path to) throws IOException {
        try (InputStream in = SiteTestBed.class.getResourceAsStream("/sample/" + sample)) {
            Files.createDirectories(to.getParent());
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    SiteConfig config() throws IOException {
        return SiteConfig.read(dir.resolve("site.yaml"));
    }

    SamplingSite site(LedgerPort port) throws IOException {
        SiteConfig c = config();
        return SamplingSite.create(c, port, fixture.siteAKey, fixture.suites, SamplingSite.collectorsOf(c), Clock.systemUTC(),
                List.of());
    }

    LedgerPort port() {
        return LedgerPort.of(node, Duration.ofSeconds(10));
    }

    /** @return every committed submission of site A by sequence number, with how often each occurs */
    Map<Long, Integer> sequencesOnChain() throws IOException {
        node.flush();
        Map<Long, Integer> seen = new TreeMap<>();
        SiteId site = fixture.siteA;
        for (long h = 0; h < node.status().height(); h++) {
            for (LedgerTransaction tx : node.block(h).transactions()) {
                if (tx.body() instanceof KpiSubmission s && s.siteId().equals(site)) {
                    seen.merge(s.sequence(), 1, Integer::sum);
                }
            }
        }
        return seen;
    }

    List<KpiSubmission> submissions() throws IOException {
        List<KpiSubmission> out = new ArrayList<>();
        for (long h = 0; h < node.status().height(); h++) {
            for (LedgerTransaction tx : node.block(h).transactions()) {
                if (tx.body() instanceof KpiSubmission s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        node.close();
    }
}
