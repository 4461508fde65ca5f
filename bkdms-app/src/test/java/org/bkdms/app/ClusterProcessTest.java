package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
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
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerException;
import org.bkdms.ledger.grpc.TlsCredentials;
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
 * Three real {@code bkdms node start} processes forming a cluster on loopback (Raft and the ledger
 * API both over mutual TLS 1.3, PKI and genesis made by the command line, quorum 2 of 3), and the
 * faults a cluster must survive: kill -9 of the leader under load, a restarted follower, a paused
 * minority and majority, a tampered block log.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterProcessTest {
    private static final String PASSWORD = "cluster-test-password";
    private static final Pattern READY = Pattern.compile("ready: listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern LEADER = Pattern.compile("node (node-\\d): leader is (node-\\d)");
    private static final SiteId SITE_A = SiteId.parse("10.20.0.7");
    private static final SiteId SITE_B = SiteId.parse("10.20.0.8");
    private static final int NODES = 3;

    @TempDir
    Path dir;

    private final CryptoSuites suites = CryptoSuites.standard();
    private final Process[] processes = new Process[NODES];
    private final int[] apiPorts = new int[NODES];
    private final List<String> output = new CopyOnWriteArrayList<>();
    private volatile String leader;
    private SuitePublicKey platformKey;
    private UnifiedKpiRecord sample;

    private void cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--password-file");
        all.add(p("pw"));
        StringWriter err = new StringWriter();
        CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(all.toArray(String[]::new))).as(String.join(" ", args) + ": " + err).isZero();
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void pki() throws Exception {
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        cli("ca", "init", "--keystore", p("ca.p12"), "--cert", p("ca.pem"));
        List<String> genesis = new ArrayList<>(List.of("node", "genesis", "--platform-keystore", p("platform.p12"), "--quorum", "2",
                "--rate-limit", "100000", "--out", p("genesis.der")));
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= NODES; i++) {
            cli("keys", "generate", "--role", "node", "--keystore", p("node-" + i + ".p12"), "--pem", p("node-" + i + "-pem"));
            cli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "node", "--name", "node-" + i, "--ip", "127.0.0.1",
                    "--dns", "localhost", "--keystore", p("node-" + i + ".p12"));
            genesis.add("--node");
            genesis.add("node-" + i + "=" + p("node-" + i + "-pem/node-signing.pub.pem"));
            members.append("    - node-").append(i).append("=127.0.0.1:").append(freePort()).append('\n');
        }
        for (String[] s : new String[][] {{"a", SITE_A.toString()}, {"b", SITE_B.toString()}}) {
            cli("keys", "generate", "--role", "site", "--keystore", p("site-" + s[0] + ".p12"), "--pem", p("site-" + s[0]));
            cli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "site", "--name", "site " + s[0], "--site-id", s[1],
                    "--keystore", p("site-" + s[0] + ".p12"));
            genesis.add("--site");
            genesis.add(s[1] + "=" + p("site-" + s[0] + "/site-signing.pub.pem"));
        }
        cli("keys", "generate", "--role", "platform", "--keystore", p("platform.p12"));
        cli("ca", "issue", "--ca-keystore", p("ca.p12"), "--role", "platform", "--name", "platform", "--keystore",
                p("platform.p12"));
        cli(genesis.toArray(String[]::new));
        for (int i = 1; i <= NODES; i++) {
            Files.writeString(dir.resolve("node-" + i + ".yaml"), """
                    nodeId: node-%d
                    chainId: bkdms://127.0.0.1/cluster-test
                    dataDir: data-%d
                    listen: 127.0.0.1:0
                    keystore: node-%d.p12
                    trustedCa: ca.pem
                    genesis: genesis.der
                    blockPeriodMillis: 50
                    cluster:
                      electionTimeoutMillis: 300
                      quorum: 2
                      members:
                    %s""".formatted(i, i, i, members.toString().indent(2)));
        }
        char[] pw = PASSWORD.toCharArray();
        platformKey = KeyStoreFile.load(dir.resolve("platform.p12"), pw, suites).publicKey(KeyAliases.PLATFORM_ENCRYPTION);
        sample = new RecordJson().parse(new String(getClass().getResourceAsStream("/org/bkdms/app/sample-record.json")
                .readAllBytes(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopProcesses() throws Exception {
        for (Process process : processes) {
            if (process != null) {
                signal(process, "CONT");
                process.destroyForcibly();
            }
        }
    }

    /** Starts node {@code i} (0-based) in its own JVM and waits until it serves. */
    private void start(int i) throws IOException {
        BkdmsProcess node = BkdmsProcess.start(READY, this::watch,
                List.of("node", "start", "--config", p("node-" + (i + 1) + ".yaml"), "--password-file", p("pw")));
        processes[i] = node.process();
        apiPorts[i] = node.port();
    }

    private void watch(String line) {
        output.add(line);
        Matcher m = LEADER.matcher(line);
        if (m.find()) {
            leader = m.group(2);
        }
    }

    private static void signal(Process process, String signal) throws Exception {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private LedgerClient client(String keystore, Duration deadline, int... nodes) throws Exception {
        List<String> targets = new ArrayList<>();
        for (int n : nodes) {
            targets.add("127.0.0.1:" + apiPorts[n]);
        }
        return LedgerClient.newBuilder().targets(targets).deadline(deadline)
                .credentials(TlsCredentials.fromPkcs12(dir.resolve(keystore), PASSWORD.toCharArray(), CertificateAuthority.TLS_ALIAS,
                        dir.resolve("ca.pem")))
                .build();
    }

    private SuitePrivateKey siteKey(String site) throws Exception {
        char[] pw = PASSWORD.toCharArray();
        return KeyStoreFile.load(dir.resolve("site-" + site + ".p12"), pw, suites).privateKey(KeyAliases.SITE_SIGNING, pw);
    }

    private LedgerTransaction submission(SiteId site, SuitePrivateKey key, long seq) {
        UnifiedKpiRecord record = new UnifiedKpiRecord(sample.countryRegion(), sample.city(), site, sample.time(), sample.kpiData(),
                Extending.empty().withSequenceNumber(seq));
        byte[] packet = new PacketSealer(platformKey, key).seal(record).encoded();
        return LedgerTransaction.sign(new KpiSubmission(site, seq, Instant.now(), packet), key);
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private long height(int node) {
        try (LedgerClient c = client("platform.p12", Duration.ofSeconds(2), node)) {
            return c.status().height();
        } catch (LedgerException e) {
            return -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void startAll() throws Exception {
        for (int i = 0; i < NODES; i++) {
            start(i);
        }
        await("genesis is final on every node", Duration.ofSeconds(60), () -> {
            for (int i = 0; i < NODES; i++) {
                if (height(i) < 1) {
                    return false;
                }
            }
            return leader != null;
        });
    }

    private int leaderIndex() {
        return Integer.parseInt(leader.substring("node-".length())) - 1;
    }

    private int verifyChain(int node) {
        StringWriter out = new StringWriter();
        CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute("verify-chain", "--data-dir", p("data-" + (node + 1)));
        output.add("verify-chain node-" + (node + 1) + ": " + out);
        return code;
    }

    @Test
    void killingTheLeaderUnderLoadLosesNoAcknowledgedSubmissionAndTheRestartedNodeCatchesUp() throws Exception {
        startAll();
        Set<TxId> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong lastAck = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        List<Thread> loaders = new ArrayList<>();
        String[][] sites = {{"a", SITE_A.toString()}, {"b", SITE_B.toString()}};
        for (int s = 0; s < sites.length; s++) {
            SuitePrivateKey key = siteKey(sites[s][0]);
            SiteId site = SiteId.parse(sites[s][1]);
            LedgerClient client = client("site-" + sites[s][0] + ".p12", Duration.ofSeconds(5), s % NODES, (s + 1) % NODES,
                    (s + 2) % NODES);
            Thread t = new Thread(() -> {
                try (client) {
                    for (long seq = 1; !stop.get(); seq++) {
                        SubmitResult r = client.submit(submission(site, key, seq));
                        if (r.status() != SubmitResult.Status.COMMITTED) {
                            throw new AssertionError("seq " + seq + ": " + r);
                        }
                        acknowledged.add(r.id());
                        lastAck.set(System.nanoTime());
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }, "load-" + sites[s][0]);
            t.setDaemon(true);
            t.start();
            loaders.add(t);
        }
        await("100 acknowledgements", Duration.ofSeconds(60), () -> acknowledged.size() >= 100);
        int killed = leaderIndex();
        String oldLeader = leader;
        processes[killed].destroyForcibly(); // SIGKILL
        long killedAt = System.nanoTime();
        assertThat(processes[killed].waitFor(20, TimeUnit.SECONDS)).isTrue();
        int before = acknowledged.size();
        await("acknowledgements resume after the leader died", Duration.ofSeconds(60),
                () -> lastAck.get() > killedAt && acknowledged.size() > before + 20);
        double resumedMillis = (lastAck.get() - killedAt) / 1e6;
        await("a new leader is known", Duration.ofSeconds(30), () -> !oldLeader.equals(leader));
        stop.set(true);
        for (Thread t : loaders) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(unexpected).isEmpty();
        System.out.printf("cluster process test: %d acknowledged; first acknowledgement after kill -9 of the leader "
                + "within %.0f ms (upper bound; new leader %s)%n", acknowledged.size(), resumedMillis, leader);

        Set<TxId> acked = Set.copyOf(acknowledged);
        int survivor = (killed + 1) % NODES;
        try (LedgerClient platform = client("platform.p12", Duration.ofSeconds(10), survivor)) {
            assertThat(acked.stream().filter(id -> platform.getTransaction(id).isEmpty()).toList())
                    .as("acknowledged submissions missing after kill -9 of the leader").isEmpty();
        }
        start(killed);
        long target = height(survivor);
        await("the restarted node catches up to height " + target, Duration.ofSeconds(60), () -> height(killed) >= target);
        try (LedgerClient restarted = client("platform.p12", Duration.ofSeconds(10), killed)) {
            assertThat(acked.stream().filter(id -> restarted.getTransaction(id).isEmpty()).toList()).isEmpty();
        }
        for (int i = 0; i < NODES; i++) {
            processes[i].destroy();
            assertThat(processes[i].waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 0; i < NODES; i++) {
            assertThat(verifyChain(i)).as(String.join("\n", output)).isZero();
        }
    }

    @Test
    void aPausedMinorityChangesNothingAndAPausedMajorityHoldsFinalityUntilResumed() throws Exception {
        startAll();
        SuitePrivateKey a = siteKey("a");
        int lead = leaderIndex();
        int follower = (lead + 1) % NODES;
        int other = (lead + 2) % NODES;
        try (LedgerClient site = client("site-a.p12", Duration.ofSeconds(30), lead, follower, other)) {
            assertThat(site.submit(submission(SITE_A, a, 1)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
            // a paused minority (one follower): the other two still make blocks final; the paused one makes none
            signal(processes[follower], "STOP");
            long frozen = height(lead);
            assertThat(site.submit(submission(SITE_A, a, 2)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
            assertThat(height(lead)).isGreaterThan(frozen);
            signal(processes[follower], "CONT");
            long caughtUp = height(lead);
            await("the resumed follower catches up", Duration.ofSeconds(30), () -> height(follower) >= caughtUp);
        }
        // a paused majority (both followers): the leader alone makes nothing final until they resume
        signal(processes[follower], "STOP");
        signal(processes[other], "STOP");
        long before = height(lead);
        try (LedgerClient site = client("site-a.p12", Duration.ofSeconds(60), lead)) {
            CompletableFuture<SubmitResult> pending = CompletableFuture.supplyAsync(() -> site.submit(submission(SITE_A, a, 3)));
            Thread.sleep(2_000); // a bounded observation window: nothing may become final in it
            assertThat(pending).isNotDone();
            assertThat(height(lead)).isEqualTo(before);
            signal(processes[follower], "CONT");
            signal(processes[other], "CONT");
            assertThat(pending.get(60, TimeUnit.SECONDS).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        }
    }

    @Test
    void aNodeWhoseBlockLogWasTamperedWithStopsAtRestartAndVerifyChainNamesTheBlock() throws Exception {
        startAll();
        SuitePrivateKey a = siteKey("a");
        try (LedgerClient site = client("site-a.p12", Duration.ofSeconds(30), 0, 1, 2)) {
            for (long seq = 1; seq <= 5; seq++) {
                assertThat(site.submit(submission(SITE_A, a, seq)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
            }
        }
        int victim = (leaderIndex() + 1) % NODES;
        processes[victim].destroy();
        assertThat(processes[victim].waitFor(30, TimeUnit.SECONDS)).isTrue();
        // alter one octet near the end of the last block (inside its node signatures) and, as an attacker
        // would, rewrite the frame's CRC-32C so that the block log itself looks intact (docs/BLOCKLOG.md)
        Path log = dir.resolve("data-" + (victim + 1)).resolve("blocks.log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            long frame = 8;
            long last = -1;
            while (frame + 12 <= f.length()) {
                f.seek(frame + 4);
                int length = f.readInt();
                last = frame;
                frame += 12 + length;
            }
            f.seek(last + 4);
            int length = f.readInt();
            byte[] payload = new byte[length];
            f.seek(last + 12);
            f.readFully(payload);
            payload[length - 5] ^= 0x01;
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(payload);
            f.seek(last + 8);
            f.writeInt((int) crc.getValue());
            f.write(payload);
        }
        assertThat(verifyChain(victim)).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(output.get(output.size() - 1)).contains("CHAIN_INCONSISTENT");
        // restarted, the node re-derives its blocks from the cluster's log, finds the difference and stops
        String java = ProcessHandle.current().info().command().orElse("java");
        Process restarted = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BkdmsCommand.class.getName(),
                "node", "start", "--config", p("node-" + (victim + 1) + ".yaml"), "--password-file", p("pw"))
                .redirectErrorStream(true).start();
        processes[victim] = restarted;
        assertThat(restarted.waitFor(90, TimeUnit.SECONDS)).as("the tampered node stops by itself").isTrue();
        String out = new String(restarted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(restarted.exitValue()).as(out).isNotZero();
        assertThat(out).contains("stops").contains("altered");
        out.lines().filter(l -> l.contains("stops") || l.startsWith("bkdms:"))
                .forEach(l -> System.out.println("cluster process test, tampered node: " + l));
        // the peers were not affected
        for (int i = 0; i < NODES; i++) {
            if (i != victim) {
                assertThat(height(i)).isGreaterThanOrEqualTo(6);
            }
        }
    }

}
