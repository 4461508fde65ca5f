package org.bkdms.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.keys.PemFiles;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.GenesisFile;
import org.bkdms.ledger.tx.LedgerTransaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms node}: the blockchain platform's node. */
@Command(name = "node", description = "Ledger node of the blockchain platform.",
        subcommands = {NodeCommand.Genesis.class})
final class NodeCommand {

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
            List<AdminAction.NodeInfo> nodeInfos = new ArrayList<>();
            for (var e : nodes.entrySet()) {
                nodeInfos.add(new AdminAction.NodeInfo(e.getKey(),
                        PemFiles.readPublicKey(e.getValue(), KeyPurpose.SIGNING, suites).subjectPublicKeyInfo()));
            }
            Instant now = Instant.now();
            List<AdminAction> actions = new ArrayList<>();
            actions.add(new AdminAction.EstablishChain(admin.publicKey().subjectPublicKeyInfo(), nodeInfos));
            actions.add(new AdminAction.DeployContracts(1, maxSubmission, rateLimit, rateWindow, threshold,
                    suites.all().stream().map(s -> s.id()).toList()));
            actions.add(new AdminAction.PublishPlatformKey(encryption.suite().id(), encryption.subjectPublicKeyInfo()));
            for (var e : sites.entrySet()) {
                SiteId site = SiteId.parse(e.getKey());
                actions.add(new AdminAction.RegisterSite(site, "site " + site,
                        PemFiles.readPublicKey(e.getValue(), KeyPurpose.SIGNING, suites).subjectPublicKeyInfo()));
            }
            List<LedgerTransaction> txs = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                txs.add(LedgerTransaction.sign(new AdminTransaction(i + 1, now, actions.get(i)), admin));
            }
            if (Files.exists(out)) {
                throw new InputException(out + " exists; a chain's genesis is written once", null);
            }
            GenesisFile.write(out, txs);
            spec.commandLine().getOut().printf("wrote %s: %d transactions (admin key %s, %d node(s), %d site(s))%n", out,
                    txs.size(), admin.keyId(), nodeInfos.size(), sites.size());
            return ExitCodes.OK;
        }
    }
}
