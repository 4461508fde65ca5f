package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.platform.PlatformConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smart city platform as its own process ({@code bkdms platform serve}) following a real node
 * process ({@code bkdms node start}), with keys, certificates and genesis made by the command line;
 * then {@code bkdms trace}, {@code bkdms audit} and {@code bkdms platform site} against them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlatformProcessTest {
    private static final String PASSWORD = "platform-process-password";
    private static final String CHAIN = "bkdms://127.0.0.1/test";
    private static final SiteId SITE_A = SiteId.parse("10.20.0.7");
    private static final SiteId SITE_B = SiteId.parse("2001:db8::17");

    @TempDir
    Path dir;

    private final CryptoSuites suites = CryptoSuites.standard();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--password-file");
        all.add(p("pw"));
        return CliRun.of(all.toArray(String[]::new));
    }

    private void ok(String... args) {
        CliRun r = run(args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err() + r.out()).isZero();
    }

    private int start(Pattern ready, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--password-file", p("pw")));
        BkdmsProcess started = BkdmsProcess.start(ready, line -> { }, all);
        processes.add(started.process());
        return started.ready().isEmpty() ? 0 : started.port();
    }

    private LedgerClient client(int port, String keystore) throws Exception {
        return LedgerClient.newBuilder().target("127.0.0.1", port)
                .credentials(TlsCredentials.fromPkcs12(dir.resolve(keystore), PASSWORD.toCharArray(),
                        CertificateAuthority.TLS_ALIAS, dir.resolve("ca.pem")))
                .build();
    }

    private LedgerTransaction submission(SiteId site, SuitePrivateKey key, SuitePublicKey platformKey, UnifiedKpiRecord sample,
            long seq) {
        UnifiedKpiRecord record = new UnifiedKpiRecord(sample.countryRegion(), sample.city(), site, sample.time().plusSeconds(seq),
                sample.kpiData(), Extending.empty().withSequenceNumber(seq));
        byte[] packet = new PacketSealer(platformKey, key).seal(record).encoded();
        return LedgerTransaction.sign(new KpiSubmission(site, seq, Instant.now(), packet), key);
    }

    private Connection database() throws Exception {
        // the operator's way in: the embedded database's password lies beside it, readable by its owner
        String secret = Files.readString(dir.resolve("platform-data").resolve(PlatformConfig.EMBEDDED_SECRET)).strip();
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("platform-data/platform").toAbsolutePath()
                + ";AUTO_SERVER=TRUE", "bkdms", secret);
    }

    private long storedRows() throws Exception {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM kpi_storage");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1; // not created yet
        }
    }

    /** Makes keys, certificates and genesis with the command line, starts a node process, writes platform.yaml. */
    private int nodeAndPlatformConfig(int batchBlocks) throws Exception {
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        ok("ca", "init", "--keystore", p("ca.p12"), "--cert", p("ca.pem"));
        ok("keys", "generate", "--role", "node", "--keystore", p("node.p12"), "--pem", p("node-pem"));
        ok("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "node", "--name", "node-1", "--ip", "127.0.0.1",
                "--dns", "localhost", "--keystore", p("node.p12"));
        for (String[] s : new String[][] {{"a", SITE_A.toString()}, {"b", "2001:db8::17"}}) {
            ok("keys", "generate", "--role", "site", "--keystore", p("site-" + s[0] + ".p12"), "--pem", p("site-" + s[0]));
            ok("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "site", "--name", "site " + s[0], "--site-id", s[1],
                    "--keystore", p("site-" + s[0] + ".p12"));
        }
        ok("keys", "generate", "--role", "platform", "--keystore", p("platform.p12"));
        ok("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "platform", "--name", "platform", "--keystore",
                p("platform.p12"));
        ok("node", "genesis", "--platform-keystore", p("platform.p12"), "--node", "node-1=" + p("node-pem/node-signing.pub.pem"),
                "--site", SITE_A + "=" + p("site-a/site-signing.pub.pem"), "--site", "2001:db8::17=" + p("site-b/site-signing.pub.pem"),
                "--rate-limit", "100000", "--out", p("genesis.der"));
        Files.writeString(dir.resolve("node.yaml"), """
                nodeId: node-1
                chainId: %s
                dataDir: data
                listen: 127.0.0.1:0
                keystore: node.p12
                trustedCa: ca.pem
                genesis: genesis.der
                blockPeriodMillis: 50
                """.formatted(CHAIN));
        int port = start(Pattern.compile("ready: listening on 127\\.0\\.0\\.1:(\\d+)"), "node", "start", "--config", p("node.yaml"));
        Files.writeString(dir.resolve("platform.yaml"), """
                keystore: platform.p12
                trustedCa: ca.pem
                dataDir: platform-data
                batchBlocks: %d
                ledgers:
                  - chainId: %s
                    target: 127.0.0.1:%d
                """.formatted(batchBlocks, CHAIN, port));
        return port;
    }

    @Test
    void thePlatformProcessStoresTracesAndAuditsWhatARealNodeProcessCommitsAndTheAuditNamesEditedRows() throws Exception {
        int port = nodeAndPlatformConfig(256);
        start(Pattern.compile("platform ready"), "platform", "serve", "--config", p("platform.yaml"));

        char[] pw = PASSWORD.toCharArray();
        SuitePublicKey platformKey = KeyStoreFile.load(dir.resolve("platform.p12"), pw, suites)
                .publicKey(KeyAliases.PLATFORM_ENCRYPTION);
        UnifiedKpiRecord sample = new RecordJson().parse(new String(getClass()
                .getResourceAsStream("/org/bkdms/app/sample-record.json").readAllBytes(), StandardCharsets.UTF_8));
        SuitePrivateKey a = KeyStoreFile.load(dir.resolve("site-a.p12"), pw, suites).privateKey(KeyAliases.SITE_SIGNING, pw);
        SuitePrivateKey b = KeyStoreFile.load(dir.resolve("site-b.p12"), pw, suites).privateKey(KeyAliases.SITE_SIGNING, pw);
        try (LedgerClient siteA = client(port, "site-a.p12"); LedgerClient siteB = client(port, "site-b.p12")) {
            for (long seq = 1; seq <= 5; seq++) {
                assertThat(siteA.submit(submission(SITE_A, a, platformKey, sample, seq)).status())
                        .isEqualTo(SubmitResult.Status.COMMITTED);
                assertThat(siteB.submit(submission(SITE_B, b, platformKey, sample, seq)).status())
                        .isEqualTo(SubmitResult.Status.COMMITTED);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (storedRows() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(storedRows()).isEqualTo(10);

        List<long[]> ids = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "SELECT id, tracing_code FROM kpi_storage ORDER BY block_height, tx_index"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(new long[] {r.getLong(1)});
                codes.add(HexFormat.of().formatHex(r.getBytes(2)));
            }
        }
        CliRun trace = run("trace", codes.get(3), "--record", "--config", p("platform.yaml"));
        assertThat(trace.exit()).as(trace.err()).isZero();
        assertThat(trace.out()).contains("\"consistent\" : true").contains("\"verified\" : true").contains("\"valid\" : true")
                .contains("\"values\"");
        CliRun clean = run("audit", "--config", p("platform.yaml"));
        assertThat(clean.exit()).as(clean.err() + clean.out()).isZero();
        assertThat(clean.out()).contains("10 stored rows compared").contains("audit: consistent");

        try (Connection c = database()) {
            edit(c, "UPDATE kpi_storage SET city_data = ? WHERE id = ?", "city_data", ids.get(1)[0]);
            edit(c, "UPDATE kpi_storage SET check_code = ? WHERE id = ?", "check_code", ids.get(4)[0]);
            edit(c, "UPDATE kpi_storage SET tracing_code = ? WHERE id = ?", "tracing_code", ids.get(7)[0]);
        }
        CliRun audit = run("audit", "--config", p("platform.yaml"));
        assertThat(audit.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(audit.out()).contains("MODIFIED_ROW").contains("row=" + ids.get(1)[0]).contains("city data")
                .contains("row=" + ids.get(4)[0]).contains("check code").contains("row=" + ids.get(7)[0])
                .contains("tracing code").contains("audit: 3 inconsistencies");
        assertThat(run("trace", codes.get(1), "--config", p("platform.yaml")).exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);

        // permissions from the command line: a suspended site is refused by the node
        ok("platform", "site", "suspend", "--site-id", SITE_B.toString(), "--reason", "maintenance", "--config",
                p("platform.yaml"));
        try (LedgerClient siteB = client(port, "site-b.p12")) {
            assertThat(siteB.submit(submission(SITE_B, b, platformKey, sample, 6)).reason())
                    .isEqualTo(RejectReason.SITE_SUSPENDED);
        }
        // contracts upgraded and the platform key rotated from the command line, beside the running server
        ok("platform", "contracts", "upgrade", "--rate-limit", "50000", "--config", p("platform.yaml"));
        assertThat(run("platform", "contracts", "show", "--config", p("platform.yaml")).out()).contains("configVersion=2")
                .contains("rateLimitCount=50000").contains("sequenceRule=CONTIGUOUS");
        CliRun rotated = run("platform", "key", "rotate", "--config", p("platform.yaml"));
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        SuitePublicKey newKey = KeyStoreFile.load(dir.resolve("platform.p12"), pw, suites)
                .publicKey(KeyAliases.PLATFORM_ENCRYPTION);
        assertThat(newKey.keyId()).isNotEqualTo(platformKey.keyId());
        assertThat(rotated.out()).contains(newKey.keyId().toString());
        assertThat(run("platform", "key", "list", "--config", p("platform.yaml")).out()).contains(platformKey.keyId().toString())
                .contains(newKey.keyId().toString());
        try (LedgerClient siteA = client(port, "site-a.p12")) {
            assertThat(siteA.submit(submission(SITE_A, a, newKey, sample, 6)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (storedRows() < 11 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "SELECT verified FROM kpi_storage WHERE site_id = ? AND site_sequence = 6")) {
            s.setString(1, SITE_A.toString());
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1)).as("a record encrypted to the key rotated beside the server opens").isTrue();
            }
        }
        CliRun bad = run("trace", "not-hex", "--config", p("platform.yaml"));
        assertThat(bad.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void killingThePlatformProcessMidExtractionLosesAndDoublesNoRow() throws Exception {
        int port = nodeAndPlatformConfig(1);
        char[] pw = PASSWORD.toCharArray();
        SuitePublicKey platformKey = KeyStoreFile.load(dir.resolve("platform.p12"), pw, suites)
                .publicKey(KeyAliases.PLATFORM_ENCRYPTION);
        UnifiedKpiRecord sample = new RecordJson().parse(new String(getClass()
                .getResourceAsStream("/org/bkdms/app/sample-record.json").readAllBytes(), StandardCharsets.UTF_8));
        SuitePrivateKey a = KeyStoreFile.load(dir.resolve("site-a.p12"), pw, suites).privateKey(KeyAliases.SITE_SIGNING, pw);
        int total = 300;
        try (LedgerClient siteA = client(port, "site-a.p12")) {
            for (long seq = 1; seq <= total; seq++) {
                assertThat(siteA.submit(submission(SITE_A, a, platformKey, sample, seq)).status())
                        .isEqualTo(SubmitResult.Status.COMMITTED);
            }
        }
        // one block per database transaction, so that the kill lands between commits of a long extraction
        start(Pattern.compile("platform ready"), "platform", "serve", "--config", p("platform.yaml"));
        Process serve = processes.get(processes.size() - 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long atKill;
        while ((atKill = storedRows()) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // H2 writes committed transactions to its file up to a second later, so a killed process may
        // lose its last batches; they are lost together with the cursor, and re-extracted below
        long afterKill = storedRows();
        start(Pattern.compile("platform ready"), "platform", "serve", "--config", p("platform.yaml"));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (storedRows() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*), COUNT(DISTINCT site_sequence), MIN(site_sequence), MAX(site_sequence) FROM kpi_storage");
             ResultSet r = s.executeQuery()) {
            r.next();
            assertThat(new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)}).containsExactly(total, total, 1, total);
        }
        CliRun audit = run("audit", "--config", p("platform.yaml"));
        assertThat(audit.exit()).as(audit.out() + audit.err()).isZero();
        // the kill is meaningful only if it interrupted extraction; say so when the machine was too fast
        assertThat(atKill).as("killed mid-extraction (rows on disk after the kill: " + afterKill + ")").isBetween(1L,
                total - 1L);
    }

    private static void edit(Connection c, String sql, String column, long id) throws Exception {
        byte[] value;
        try (PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM kpi_storage WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                value = r.getBytes(1);
            }
        }
        value[value.length - 1] ^= 0x01;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, value);
            s.setLong(2, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
