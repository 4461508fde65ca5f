package org.bkdms.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.keys.PemFiles;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.node.NodeStatus;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.GenesisFile;
import org.bkdms.ledger.tx.LedgerTransaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms node}: the blockchain platform's node. */
@Command(name = "node", description = "Ledger node of the blockchain platform.",
        subcommands = {NodeCommand.Start.class, NodeCommand.Genesis.class})
final class NodeCommand {

    @Command(name = "start", description = {
        "Run a ledger node: verify and replay its block log, create genesis if the log is empty, and",
        "serve the ledger API over TLS 1.3 with mutual TLS until stopped (SIGTERM or Ctrl-C)."})
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "node.yaml")
        Path config;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Override dataDir.")
        Path dataDir;

        @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Override listen.")
        String listen;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            NodeConfig c = NodeConfig.read(config);
            if (dataDir != null || listen != null) {
                c = c.with(dataDir != null ? dataDir : c.dataDir(), listen != null ? listen : c.listen());
            }
            PrintWriter out = spec.commandLine().getOut();
            char[] password = passwords.password();
            CryptoSuites suites = CryptoSuites.standard();
            SuitePrivateKey nodeKey = Inputs.keystore(c.keystore(), password, suites).privateKey(KeyAliases.NODE_SIGNING,
                    password);
            TlsCredentials tls = TlsCredentials.fromPkcs12(c.keystore(), password, CertificateAuthority.TLS_ALIAS,
                    c.trustedCa());
            Files.createDirectories(c.dataDir());
            out.printf("node %s: opening %s (verifying and replaying the chain)%n", c.nodeId(), c.dataDir());
            out.flush();
            FileBlockLog log = FileBlockLog.open(c.dataDir());
            if (!log.recoveryReport().clean()) {
                out.printf("node %s: block log recovered: %s%n", c.nodeId(), log.recoveryReport());
            }
            if (c.cluster() != null) {
                return ClusterNodes.run(c, log, nodeKey, tls, suites, out);
            }
            LedgerNode node = LedgerNode.open(log, new ContractState(suites, KpiCatalogue.u4ssc()),
                    new SoloOrderer.Settings(c.chainId(), c.nodeId(), nodeKey, Duration.ofMillis(c.blockPeriodMillis()),
                            c.maxBlockTransactions(), c.maxBlockOctets(), Clock.systemUTC()));
            if (node.status().height() == 0) {
                if (c.genesis() == null) {
                    node.close();
                    throw new InputException("the block log is empty and no genesis file is configured", null);
                }
                node.initialize(GenesisFile.read(c.genesis()));
                out.printf("node %s: created genesis from %s%n", c.nodeId(), c.genesis());
            }
            LedgerServer server = LedgerServer.newBuilder().node(node).address(c.host(), c.port()).credentials(tls)
                    .build().start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                try {
                    node.close();
                } catch (java.io.IOException e) {
                    System.err.println("bkdms: closing the node failed: " + e.getMessage());
                }
                stopped.countDown();
            }, "bkdms-node-shutdown"));
            NodeStatus st = node.status();
            out.printf("node %s ready: listening on %s:%d, chain %s, height %d, %d transactions%n", c.nodeId(), c.host(),
                    server.port(), st.chainId(), st.height(), st.transactions());
            out.flush();
            stopped.await();
            return ExitCodes.OK;
        }
    }

    @Command(name = "genesis", description = {
        "Create the genesis file of a new chain, signed with the smart city platform's admin key:",
        "it establishes the chain (admin key and node keys), deploys the smart contracts, publishes",
        "the platform's encryption key, and registers the given sites."})
    static final class Genesis implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--platform-keystore", required = true, paramLabel = "FILE",
                description = "Platform keystore with entries " + KeyAliases.PLATFORM_ADMIN + " and "
                        + KeyAliases.PLATFORM_ENCRYPTION + ".")
        Path platformKeystore;

        @Option(names = "--node", required = true, paramLabel = "ID=PEM",
                description = "A node allowed to sign blocks: its id and its signing key (PEM SubjectPublicKeyInfo). Repeat per node.")
        Map<String, Path> nodes = new LinkedHashMap<>();

        @Option(names = "--site", paramLabel = "IP=PEM",
                description = "A sampling site to register: its site id (IP address) and signing key PEM. Repeatable.")
        Map<String, Path> sites = new LinkedHashMap<>();

        @Option(names = "--max-submission-octets", defaultValue = "65536", description = "Default: ${DEFAULT-VALUE}.")
        long maxSubmission;

        @Option(names = "--rate-limit", defaultValue = "600", description = "Submissions per site per window (default: ${DEFAULT-VALUE}).")
        long rateLimit;

        @Option(names = "--rate-window-seconds", defaultValue = "60", description = "Default: ${DEFAULT-VALUE}.")
        long rateWindow;

        @Option(names = "--misbehaviour-threshold", defaultValue = "10",
                description = "Misbehaviour reports that suspend a site (default: ${DEFAULT-VALUE}).")
        long threshold;

        @Option(names = "--sequence-rule", defaultValue = "CONTIGUOUS", paramLabel = "RULE",
                description = "How site sequence numbers are checked: CONTIGUOUS (default; exactly the next, so sites can"
                        + " pipeline uploads) or INCREASING (any higher, one upload at a time).")
        org.bkdms.ledger.tx.SequenceRule sequenceRule;

        @Option(names = "--quorum", defaultValue = "0", paramLabel = "N",
                description = "Node signatures that make a block final; 0 (default) for more than two thirds of the nodes.")
        int quorum;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Genesis file to write.")
        Path out;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            CryptoSuites suites = CryptoSuites.standard();
            char[] password = passwords.password();
            KeyStoreFile ks = Inputs.keystore(platformKeystore, password, suites);
            SuitePrivateKey admin = ks.privateKey(KeyAliases.PLATFORM_ADMIN, password);
            SuitePublicKey encryption = ks.publicKey(KeyAliases.PLATFORM_ENCRYPTION);
            GenesisBuilder genesis = GenesisBuilder.signedBy(admin).quorum(quorum)
                    .contracts(new AdminAction.DeployContracts(1, maxSubmission, rateLimit, rateWindow, threshold,
                            suites.all().stream().map(s -> s.id()).toList(), sequenceRule))
                    .platformKey(encryption);
            for (var e : nodes.entrySet()) {
                genesis.node(e.getKey(), PemFiles.readPublicKey(e.getValue(), KeyPurpose.SIGNING, suites));
            }
            for (var e : sites.entrySet()) {
                SiteId site = SiteId.parse(e.getKey());
                genesis.site(site, "site " + site, PemFiles.readPublicKey(e.getValue(), KeyPurpose.SIGNING, suites));
            }
            List<LedgerTransaction> txs = genesis.build();
            if (Files.exists(out)) {
                throw new InputException(out + " exists; a chain's genesis is written once", null);
            }
            GenesisFile.write(out, txs);
            spec.commandLine().getOut().printf("wrote %s: %d transactions (admin key %s, %d node(s), %d site(s))%n", out,
                    txs.size(), admin.keyId(), nodes.size(), sites.size());
            return ExitCodes.OK;
        }
    }
}
