package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.GenesisFile;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Keys and genesis made with the command line start a real chain on disk that verify-chain accepts. */
class NodeCommandTest {
    @TempDir
    Path dir;

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--password-file");
        all.add(dir.resolve("pw").toString());
        CommandLine cl = BkdmsCommand.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute(all.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return exit;
    }

    @Test
    void genesisFromTheCommandLineStartsAChainThatVerifies() throws Exception {
        Files.writeString(dir.resolve("pw"), "test-password\n");
        char[] pw = "test-password".toCharArray();
        run("keys", "generate", "--role", "platform", "--keystore", dir.resolve("platform.p12").toString());
        run("keys", "generate", "--role", "node", "--keystore", dir.resolve("node.p12").toString(), "--pem",
                dir.resolve("node").toString());
        run("keys", "generate", "--role", "site", "--keystore", dir.resolve("site.p12").toString(), "--pem",
                dir.resolve("site").toString());
        run("node", "genesis", "--platform-keystore", dir.resolve("platform.p12").toString(), "--node",
                "node-1=" + dir.resolve("node/node-signing.pub.pem"), "--site",
                "10.20.0.7=" + dir.resolve("site/site-signing.pub.pem"), "--out", dir.resolve("genesis.der").toString());

        CryptoSuites suites = CryptoSuites.standard();
        SuitePrivateKey nodeKey = KeyStoreFile.load(dir.resolve("node.p12"), pw, suites).privateKey(KeyAliases.NODE_SIGNING, pw);
        SuitePrivateKey siteKey = KeyStoreFile.load(dir.resolve("site.p12"), pw, suites).privateKey(KeyAliases.SITE_SIGNING, pw);
        var platformKey = KeyStoreFile.load(dir.resolve("platform.p12"), pw, suites).publicKey(KeyAliases.PLATFORM_ENCRYPTION);
        Path data = dir.resolve("node-data");
        try (LedgerNode node = LedgerNode.open(FileBlockLog.open(data), new ContractState(suites, KpiCatalogue.u4ssc()),
                new SoloOrderer.Settings("bkdms://localhost:7443", "node-1", nodeKey, Duration.ofHours(1), 100, 1 << 20,
                        Clock.systemUTC()))) {
            assertThat(node.initialize(GenesisFile.read(dir.resolve("genesis.der")))).isTrue();
            String json = new String(getClass().getResourceAsStream("/org/bkdms/app/sample-record.json").readAllBytes());
            UnifiedKpiRecord record = new RecordJson().parse(json);
            byte[] packet = new PacketSealer(platformKey, siteKey).seal(record).encoded();
            var future = node.submit(LedgerTransaction.sign(new KpiSubmission(SiteId.parse("10.20.0.7"), 1, Instant.now(),
                    packet), siteKey));
            node.flush();
            assertThat(future.get().status()).isEqualTo(SubmitResult.Status.COMMITTED);
            assertThat(node.status().height()).isEqualTo(2);
        }
        CommandLine cl = BkdmsCommand.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("verify-chain", "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).contains("2 blocks, 5 transactions", "chain consistent");
    }
}
