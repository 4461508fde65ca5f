package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.bkdms.ledger.grpc.LedgerUnavailableException;
import org.bkdms.ledger.grpc.StreamingSubmitter;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.TxId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Starts a real node process ({@code bkdms node start}) on loopback with mutual TLS, with keys,
 * certificates and genesis made by the command line, and drives it through the ledger API.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeProcessTest {
    private static final String PASSWORD = "process-test-password";
    private static final Pattern READY = Pattern.compile("ready: listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final SiteId SITE_A = SiteId.parse("10.20.0.7");
    private static final SiteId SITE_B = SiteId.parse("2001:db8::17");
    private static final SiteId SITE_C = SiteId.parse("192.0.2.9");

    @TempDir
    Path dir;

    private final CryptoSuites suites = CryptoSuites.standard();
    private final List<Process> processes = new ArrayList<>();
    private SuitePublicKey platformKey;
    private UnifiedKpiRecord sample;

    private void cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--password-file");
        all.add(dir.resolve("pw").toString());
        StringWriter err = new StringWriter();
        CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(all.toArray(String[]::new))).as(String.join(" ", args) + ": " + err).isZero();
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeEach
    void pki() throws Exception {
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        cli("ca", "init", "--keystore", p("ca.p12"), "--cert", p("ca.pem"));
        cli("keys", "generate", "--role", "node", "--keystore", p("node.p12"), "--pem", p("node-pem"));
        cli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "node", "--name", "node-1", "--ip", "127.0.0.1",
                "--dns", "localhost", "--keystore", p("node.p12"));
        for (String[] s : new String[][] {{"a", SITE_A.toString()}, {"b", "2001:db8::17"}, {"c", SITE_C.toString()}}) {
            cli("keys", "generate", "--role", "site", "--keystore", p("site-" + s[0] + ".p12"), "--pem", p("site-" + s[0]));
            cli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "site", "--name", "site " + s[0], "--site-id", s[1],
                    "--keystore", p("site-" + s[0] + ".p12"));
        }
        cli("keys", "generate", "--role", "platform", "--keystore", p("platform.p12"));
        cli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "platform", "--name", "platform", "--keystore",
                p("platform.p12"));
        cli("ca", "init", "--keystore", p("rogue-ca.p12"), "--cert", p("rogue-ca.pem"));
        cli("ca", "issue", "--ca-keystore", p("rogue-ca.p12"), "--role", "site", "--name", "impostor", "--site-id",
                SITE_A.toString(), "--keystore", p("rogue.p12"));
        // site C has a valid certificate but is not registered on chain
        cli("node", "genesis", "--platform-keystore", p("platform.p12"), "--node", "node-1=" + p("node-pem/node-signing.pub.pem"),
                "--site", SITE_A + "=" + p("site-a/site-signing.pub.pem"), "--site", "2001:db8::17=" + p("site-b/site-signing.pub.pem"),
                "--max-submission-octets", "1500", "--rate-limit", "100000", "--out", p("genesis.der"));
        Files.writeString(dir.resolve("node.yaml"), """
                nodeId: node-1
                chainId: bkdms://127.0.0.1/test
                dataDir: data
                listen: 127.0.0.1:0
                keystore: node.p12
                trustedCa: ca.pem
                genesis: genesis.der
                blockPeriodMillis: 50
                """);
        char[] pw = PASSWORD.toCharArray();
        platformKey = KeyStoreFile.load(dir.resolve("platform.p12"), pw, suites).publicKey(KeyAliases.PLATFORM_ENCRYPTION);
        sample = new RecordJson().parse(new String(getClass().getResourceAsStream("/org/bkdms/app/sample-record.json")
                .readAllBytes(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    /** Starts {@code bkdms node start} in its own JVM and returns the port it listens on. */
    private int startNode() throws IOException {
        BkdmsProcess node = BkdmsProcess.start(READY, "node", "start", "--config", p("node.yaml"), "--password-file", p("pw"));
        processes.add(node.process());
        return node.port();
    }

    private LedgerClient client(int port, String keystore) throws Exception {
        return LedgerClient.newBuilder().target("127.0.0.1", port)
                .credentials(TlsCredentials.fromPkcs12(dir.resolve(keystore), PASSWORD.toCharArray(),
                        CertificateAuthority.TLS_ALIAS, dir.resolve("ca.pem")))
                .build();
    }

    private SuitePrivateKey siteKey(String site) throws Exception {
        char[] pw = PASSWORD.toCharArray();
        return KeyStoreFile.load(dir.resolve("site-" + site + ".p12"), pw, suites).privateKey(KeyAliases.SITE_SIGNING, pw);
    }

    /** A submission of the sample record; {@code padding} octets of an unregistered extension make it bigger. */
    private LedgerTransaction submission(SiteId site, SuitePrivateKey key, long seq, int padding) {
        Extending ext = Extending.empty().withSequenceNumber(seq);
        if (padding > 0) {
            ext = ext.with(999, new byte[padding]);
        }
        UnifiedKpiRecord record = new UnifiedKpiRecord(sample.countryRegion(), sample.city(), site, sample.time(),
                sample.kpiData(), ext);
        byte[] packet = new PacketSealer(platformKey, key).seal(record).encoded();
        return LedgerTransaction.sign(new KpiSubmission(site, seq, Instant.now(), packet), key);
    }

    @Test
    void everyBadInputGetsItsTypedRejectionAndTheNodeStaysHealthy() throws Exception {
        int port = startNode();
        SuitePrivateKey a = siteKey("a");
        SuitePrivateKey b = siteKey("b");
        SuitePrivateKey c = siteKey("c");
        try (LedgerClient siteA = client(port, "site-a.p12"); LedgerClient siteC = client(port, "site-c.p12")) {
            assertThat(siteA.submit(submission(SITE_A, a, 1, 0)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
            assertThat(siteA.submit(submission(SITE_A, a, 1, 0)).reason()).isEqualTo(RejectReason.REPLAY);
            assertThat(siteC.submit(submission(SITE_C, c, 1, 0)).reason()).isEqualTo(RejectReason.UNKNOWN_SITE);
            assertThat(siteA.submit(submission(SITE_B, b, 1, 0)).reason()).isEqualTo(RejectReason.WRONG_SITE);
            var body = (KpiSubmission) submission(SITE_A, a, 2, 0).body();
            LedgerTransaction forged = LedgerTransaction.assemble(body, a.keyId(), suites.defaultSuite().sign(b, body.encode()));
            assertThat(siteA.submit(forged).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
            assertThat(siteA.submit(submission(SITE_A, a, 3, 1000)).reason()).isEqualTo(RejectReason.OVERSIZED);
            assertThat(siteA.submit(new byte[] {0x30, 0x03, 0x02, 0x01}).reason()).isEqualTo(RejectReason.MALFORMED);
            byte[] packetGarbage = submission(SITE_A, a, 4, 0).encoded();
            packetGarbage[packetGarbage.length / 2] ^= 0x55;
            assertThat(siteA.submit(packetGarbage).status()).isEqualTo(SubmitResult.Status.REJECTED);

            // the platform revokes site B over the API; B is then refused
            char[] pw = PASSWORD.toCharArray();
            SuitePrivateKey admin = KeyStoreFile.load(dir.resolve("platform.p12"), pw, suites)
                    .privateKey(KeyAliases.PLATFORM_ADMIN, pw);
            try (LedgerClient platform = client(port, "platform.p12"); LedgerClient siteB = client(port, "site-b.p12")) {
                assertThat(siteB.submit(submission(SITE_B, b, 1, 0)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
                LedgerTransaction revoke = LedgerTransaction.sign(new AdminTransaction(6, Instant.now(),
                        new AdminAction.ChangeSiteStatus(AdminAction.StatusChange.REVOKE, SITE_B, "decommissioned")), admin);
                assertThat(platform.submit(revoke).status()).isEqualTo(SubmitResult.Status.COMMITTED);
                assertThat(siteB.submit(submission(SITE_B, b, 2, 0)).reason()).isEqualTo(RejectReason.SITE_REVOKED);
            }

            // still healthy: a valid submission commits, and the rejections were counted by reason
            assertThat(siteA.submit(submission(SITE_A, a, 2, 0)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
            var counts = siteA.status().counters().rejections();
            assertThat(counts).containsKeys(RejectReason.REPLAY, RejectReason.UNKNOWN_SITE, RejectReason.WRONG_SITE,
                    RejectReason.BAD_SIGNATURE, RejectReason.OVERSIZED, RejectReason.MALFORMED, RejectReason.SITE_REVOKED);
        }
        // a certificate from another CA is refused at the handshake, and the node serves on
        try (LedgerClient rogue = client(port, "rogue.p12")) {
            assertThatThrownBy(rogue::status).isInstanceOf(LedgerUnavailableException.class);
        }
        try (LedgerClient siteA = client(port, "site-a.p12")) {
            assertThat(siteA.status().height()).isGreaterThan(1);
        }
    }

    @Test
    void killingTheNodeWithSigkillUnderLoadLosesNoAcknowledgedSubmission() throws Exception {
        int port = startNode();
        Set<TxId> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> loaders = new ArrayList<>();
        List<Throwable> unexpected = new ArrayList<>();
        for (String[] s : new String[][] {{"a", SITE_A.toString()}, {"b", "2001:db8::17"}}) {
            SuitePrivateKey key = siteKey(s[0]);
            SiteId site = SiteId.parse(s[1]);
            LedgerClient client = client(port, "site-" + s[0] + ".p12");
            Thread t = new Thread(() -> {
                try (client; StreamingSubmitter submitter = client.openSubmitter()) {
                    for (long seq = 1; seq <= 20_000 && !killed.get(); seq++) {
                        LedgerTransaction tx = submission(site, key, seq, 0);
                        submitter.submit(tx).whenComplete((r, e) -> {
                            if (r != null && r.status() == SubmitResult.Status.COMMITTED) {
                                acknowledged.add(r.id());
                            }
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    if (!killed.get()) {
                        synchronized (unexpected) {
                            unexpected.add(e);
                        }
                    }
                }
            }, "load-" + s[0]);
            t.setDaemon(true);
            t.start();
            loaders.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < 400 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertThat(acknowledged.size()).as("acknowledgements before the kill").isGreaterThanOrEqualTo(400);
        Process node = processes.get(0);
        killed.set(true);
        node.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
        for (Thread t : loaders) {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
        Set<TxId> acked = Set.copyOf(acknowledged);

        int again = startNode();
        try (LedgerClient platform = client(again, "platform.p12")) {
            List<TxId> lost = new ArrayList<>();
            for (TxId id : acked) {
                if (platform.getTransaction(id).isEmpty()) {
                    lost.add(id);
                }
            }
            assertThat(lost).as("acknowledged submissions missing after kill -9 (of %d)", acked.size()).isEmpty();
        }
        processes.get(1).destroy();
        processes.get(1).waitFor(20, TimeUnit.SECONDS);
        StringWriter out = new StringWriter();
        CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("verify-chain", "--data-dir", p("data"))).as(out.toString()).isZero();
        assertThat(unexpected).isEmpty();
    }
}
