package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerException;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sampling site process ({@code bkdms site run}) uploading to a real node process over
 * mutual TLS, while both are killed with SIGKILL mid-run: every record still reaches the chain
 * exactly once, in sequence, without gaps.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SiteProcessTest {
    private static final String PASSWORD = "site-process-test-password";
    private static final SiteId SITE = SiteId.parse("10.20.0.7");
    private static final Pattern NODE_READY = Pattern.compile("ready: listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SITE_READY = Pattern.compile("site .* ready");
    private static final int ROWS = 240;
    private static final String[] KPIS = {"EC: ICT: ICT: 1C", "EC: ICT: ICT: 2C", "EN: EN: WS: 1C", "EN: E: E: 1C"};

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private int port;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private String cli(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out();
    }

    private void pwCli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--password-file");
        all.add(p("pw"));
        cli(all.toArray(String[]::new));
    }

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        pwCli("ca", "init", "--keystore", p("ca.p12"), "--cert", p("ca.pem"));
        pwCli("keys", "generate", "--role", "node", "--keystore", p("node.p12"), "--pem", p("node-pem"));
        pwCli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "node", "--name", "node-1", "--ip", "127.0.0.1",
                "--keystore", p("node.p12"));
        pwCli("keys", "generate", "--role", "site", "--keystore", p("site.p12"), "--pem", p("site-pem"));
        pwCli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "site", "--name", "site a", "--site-id", SITE.toString(),
                "--keystore", p("site.p12"));
        pwCli("keys", "generate", "--role", "platform", "--keystore", p("platform.p12"));
        pwCli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "platform", "--name", "platform", "--keystore",
                p("platform.p12"));
        pwCli("node", "genesis", "--platform-keystore", p("platform.p12"), "--node", "node-1=" + p("node-pem/node-signing.pub.pem"),
                "--site", SITE + "=" + p("site-pem/site-signing.pub.pem"), "--rate-limit", "100000", "--out", p("genesis.der"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("node.yaml"), """
                nodeId: node-1
                chainId: bkdms://127.0.0.1/site-test
                dataDir: chain
                listen: 127.0.0.1:%d
                keystore: node.p12
                trustedCa: ca.pem
                genesis: genesis.der
                blockPeriodMillis: 30
                """.formatted(port));
        try (var in = getClass().getResourceAsStream("/sample/mapping.yaml")) {
            Files.copy(in, dir.resolve("mapping.yaml"));
        }
        Files.writeString(dir.resolve("site.yaml"), """
                siteId: %s
                countryRegion: "578"
                city: { scheme: UNLOCODE, code: NOTRD }
                dataDir: site-data
                keystore: site.p12
                trustedCa: ca.pem
                ledger: 127.0.0.1:%d
                mapping: mapping.yaml
                pollMillis: 50
                closeAfterSeconds: 0
                backoff: { initialMillis: 50, maxMillis: 1000 }
                sources:
                  - name: files
                    type: folder
                    dir: inbox
                    doneDir: done
                    chunkRows: 50
                """.formatted(SITE, port));
        StringBuilder csv = new StringBuilder("time,kpi,value,unit\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("2025-01-01T00:00:00Z".replace("00:00:00", "%02d:%02d:00".formatted(i / 60, i % 60))).append(',')
                    .append(KPIS[i % KPIS.length]).append(',').append(50 + i % 40).append(".5,%\n");
        }
        Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(dir.resolve("inbox/backfill.csv.part"), csv);
        Files.move(dir.resolve("inbox/backfill.csv.part"), dir.resolve("inbox/backfill.csv"));
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process start(Pattern ready, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--password-file", p("pw")));
        Process process = BkdmsProcess.start(ready, line -> { }, all).process();
        processes.add(process);
        return process;
    }

    private Process startNode() throws IOException {
        return start(NODE_READY, "node", "start", "--config", p("node.yaml"));
    }

    private Process startSite() throws IOException {
        return start(SITE_READY, "site", "run", "--config", p("site.yaml"));
    }

    private static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /** @return the site's last committed sequence number as the node reports it, or -1 while it is down */
    private long lastSequenceOnChain() {
        try (LedgerClient platform = LedgerClient.newBuilder().target("127.0.0.1", port)
                .credentials(TlsCredentials.fromPkcs12(dir.resolve("platform.p12"), PASSWORD.toCharArray(),
                        CertificateAuthority.TLS_ALIAS, dir.resolve("ca.pem"))).build()) {
            return platform.siteState(SITE).lastSequence().orElse(-1);
        } catch (LedgerException | IOException | java.security.GeneralSecurityException e) {
            return -1;
        }
    }

    private long lastConfirmedBySite() {
        Matcher m = Pattern.compile("last confirmed sequence: +(-?\\d+)").matcher(cli("site", "status", "--config", p("site.yaml")));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void awaitAtLeast(LongSupplier value, long target, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (value.getAsLong() < target) {
            assertThat(System.nanoTime()).as("waiting for %d", target).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void everyRowReachesTheChainExactlyOnceThroughSiteAndNodeKills() throws Exception {
        Process node = startNode();
        Process site = startSite();
        awaitAtLeast(this::lastSequenceOnChain, 30, 120);
        kill9(site);

        // the node goes down under a running site: the site backs off and retries
        site = startSite();
        awaitAtLeast(this::lastSequenceOnChain, 90, 120);
        kill9(node);
        Thread.sleep(500);
        node = startNode();
        awaitAtLeast(this::lastSequenceOnChain, 150, 120);
        kill9(site);
        kill9(node);

        node = startNode();
        site = startSite();
        awaitAtLeast(this::lastSequenceOnChain, ROWS, 180);
        // the site confirms a window of submissions behind what the chain already holds
        awaitAtLeast(this::lastConfirmedBySite, ROWS, 60);
        site.destroy();
        assertThat(site.waitFor(30, TimeUnit.SECONDS)).isTrue();
        node.destroy();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Map<Long, Integer> seen = new TreeMap<>();
        try (FileBlockLog log = FileBlockLog.open(dir.resolve("chain"))) {
            for (long h = 0; h < log.height(); h++) {
                for (LedgerTransaction tx : Block.decode(log.read(h)).transactions()) {
                    if (tx.body() instanceof KpiSubmission s) {
                        seen.merge(s.sequence(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<Long, Integer> expected = new TreeMap<>();
        for (long s = 1; s <= ROWS; s++) {
            expected.put(s, 1);
        }
        assertThat(seen).as("sequence numbers on chain and how often each occurs").isEqualTo(expected);

        String status = cli("site", "status", "--config", p("site.yaml"));
        assertThat(status).contains("outbox pending:          0").contains("last confirmed sequence: " + ROWS)
                .contains("quarantined:             0");
        assertThat(cli("verify-chain", "--data-dir", p("chain"))).isNotEmpty();
    }
}
