package org.bkdms.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.PemFiles;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.api.Role;
import org.bkdms.platform.api.Users;
import org.bkdms.platform.permission.PermissionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms platform}: the smart city platform (Y.4907 KPI management module). */
@Command(name = "platform", description = "Smart city platform: extraction, storage, permissions, keys, REST API.",
        subcommands = {PlatformCommand.Serve.class, PlatformCommand.Site.class, PlatformCommand.Key.class,
            PlatformCommand.Contracts.class, PlatformCommand.User.class})
final class PlatformCommand {

    @Command(name = "serve", description = {
        "Run the smart city platform: follow every configured chain, verify each block and packet,",
        "store Table 10-3 rows and decrypted values, and serve the HTTPS API, until stopped."})
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "platform.yaml")
        Path config;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PlatformConfig c = PlatformConfig.read(config);
            SmartCityPlatform platform = SmartCityPlatform.newBuilder().config(c).password(passwords.password()).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                stopped.countDown();
            }, "bkdms-platform-shutdown"));
            out.printf("platform ready: following %s%s%n", String.join(", ", platform.followers().keySet()),
                    platform.apiPort().map(p -> ", API on https://" + c.api().listen().substring(0,
                            c.api().listen().lastIndexOf(':')) + ":" + p).orElse(""));
            out.flush();
            stopped.await();
            return ExitCodes.OK;
        }
    }

    @Command(name = "site", description = "Register, suspend, reinstate, revoke or re-key a sampling site on chain.",
            subcommands = {SiteRegister.class, SiteChange.Suspend.class, SiteChange.Reinstate.class, SiteChange.Revoke.class,
                SiteRotateKey.class})
    static final class Site {
    }

    /** Options of every site command. */
    abstract static class SiteBase implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Option(names = "--site-id", required = true, paramLabel = "IP", description = "The site's Site ID (IP address).")
        String siteId;

        @Option(names = "--chain", paramLabel = "URL", description = "Chain to act on (default: the first configured).")
        String chain;

        @Override
        public Integer call() throws Exception {
            try (SmartCityPlatform p = platform.openTool()) {
                PermissionService perms = chain == null ? p.permissions() : p.permissions(chain);
                SubmitResult r = act(perms, SiteId.parse(siteId));
                spec.commandLine().getOut().printf("%s: committed in block %d (transaction %s)%n", spec.name(), r.height(),
                        r.id());
            }
            return ExitCodes.OK;
        }

        abstract SubmitResult act(PermissionService perms, SiteId site) throws Exception;
    }

    @Command(name = "register", description = "Register a site with its signing key.")
    static final class SiteRegister extends SiteBase {
        @Option(names = "--name", required = true, description = "The site's human name.")
        String name;

        @Option(names = "--signing-key", required = true, paramLabel = "PEM", description = "The site's signing key (PEM).")
        Path signingKey;

        @Override
        SubmitResult act(PermissionService perms, SiteId site) throws Exception {
            return perms.registerSite(site, name, PemFiles.readPublicKey(signingKey, KeyPurpose.SIGNING, CryptoSuites.standard()));
        }
    }

    /** Suspend, reinstate, revoke. */
    abstract static class SiteChange extends SiteBase {
        @Option(names = "--reason", defaultValue = "", description = "Why, recorded on chain.")
        String reason;

        abstract AdminAction.StatusChange change();

        @Override
        SubmitResult act(PermissionService perms, SiteId site) {
            return perms.changeStatus(change(), site, reason);
        }

        @Command(name = "suspend", description = "Stop accepting a site's submissions until reinstated.")
        static final class Suspend extends SiteChange {
            @Override
            AdminAction.StatusChange change() {
                return AdminAction.StatusChange.SUSPEND;
            }
        }

        @Command(name = "reinstate", description = "Accept a suspended site's submissions again.")
        static final class Reinstate extends SiteChange {
            @Override
            AdminAction.StatusChange change() {
                return AdminAction.StatusChange.REINSTATE;
            }
        }

        @Command(name = "revoke", description = "Stop accepting a site's submissions for good.")
        static final class Revoke extends SiteChange {
            @Override
            AdminAction.StatusChange change() {
                return AdminAction.StatusChange.REVOKE;
            }
        }
    }

    @Command(name = "rotate-key", description = "Replace a site's signing key.")
    static final class SiteRotateKey extends SiteBase {
        @Option(names = "--signing-key", required = true, paramLabel = "PEM", description = "The new signing key (PEM).")
        Path signingKey;

        @Override
        SubmitResult act(PermissionService perms, SiteId site) throws Exception {
            return perms.rotateSiteKey(site, PemFiles.readPublicKey(signingKey, KeyPurpose.SIGNING, CryptoSuites.standard()));
        }
    }

    @Command(name = "key", description = "The platform's encryption keys.", subcommands = {KeyRotate.class, KeyList.class})
    static final class Key {
    }

    @Command(name = "rotate", description = {
        "Make a new platform encryption key (the old one stays in the keystore for old records) and",
        "publish it in the chain's key directory."})
    static final class KeyRotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Option(names = "--chain", paramLabel = "URL", description = "Chain to publish on (default: the first configured).")
        String chain;

        @Override
        public Integer call() throws Exception {
            try (SmartCityPlatform p = platform.openTool()) {
                SuitePublicKey key = (chain == null ? p.permissions() : p.permissions(chain)).rotatePlatformKey();
                spec.commandLine().getOut().printf("new platform encryption key %s (%s) published%n", key.keyId(),
                        key.suite().name());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the encryption keys in the keystore and in each chain's key directory.")
    static final class KeyList implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (SmartCityPlatform p = platform.openTool()) {
                SuitePrivateKey current = p.keys().currentEncryptionKey();
                for (SuitePrivateKey k : p.keys().encryptionKeys()) {
                    out.printf("keystore %s %s%s%n", k.keyId(), k.suite().name(), k.keyId().equals(current.keyId())
                            ? " (current, alias " + KeyAliases.PLATFORM_ENCRYPTION + ")" : "");
                }
                for (var e : p.clients().entrySet()) {
                    for (PlatformKeyEntry k : e.getValue().platformKeys()) {
                        out.printf("chain %s %s since block %d%n", e.getKey(), k.key().keyId(), k.sinceHeight());
                    }
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "user", description = "Users of the REST API.", subcommands = UserAdd.class)
    static final class User {
    }

    @Command(name = "add", description = "Add or replace a REST API user (the password is stored as a PBKDF2 hash).")
    static final class UserAdd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--users", required = true, paramLabel = "FILE", description = "The users file (created if missing).")
        Path users;

        @Option(names = "--name", required = true, description = "User name.")
        String name;

        @Option(names = "--role", required = true, description = "VIEWER, AUDITOR, OPERATOR or ADMIN.")
        Role role;

        @Option(names = "--user-password-file", required = true, paramLabel = "FILE",
                description = "File whose first line is the user's password.")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            String pw = java.nio.file.Files.readAllLines(passwordFile).stream().findFirst().orElse("");
            if (pw.isEmpty()) {
                throw new InputException("password file " + passwordFile + " is empty", null);
            }
            Users.put(users, name, role, pw.toCharArray());
            spec.commandLine().getOut().printf("user %s (%s) written to %s%n", name, role, users);
            return ExitCodes.OK;
        }
    }

    @Command(name = "contracts", description = "The smart contracts' parameters on chain.",
            subcommands = {ContractsShow.class, ContractsUpgrade.class})
    static final class Contracts {
    }

    @Command(name = "show", description = "Print the contract parameters in force on each configured chain.")
    static final class ContractsShow implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Override
        public Integer call() throws Exception {
            try (SmartCityPlatform p = platform.openTool()) {
                for (var e : p.clients().entrySet()) {
                    spec.commandLine().getOut().printf("chain %s: %s%n", e.getKey(), e.getValue().contractConfig()
                            .map(Object::toString).orElse("not deployed"));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "upgrade", description = {
        "Deploy new contract parameters with a higher config version (an admin transaction). Parameters",
        "not given keep their current values."})
    static final class ContractsUpgrade implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Option(names = "--chain", paramLabel = "URL", description = "Chain to act on (default: the first configured).")
        String chain;

        @Option(names = "--max-submission-octets", description = "Largest accepted submission.")
        Long maxSubmission;

        @Option(names = "--rate-limit", description = "Submissions per site per window.")
        Long rateLimit;

        @Option(names = "--rate-window-seconds", description = "The rate window.")
        Long rateWindow;

        @Option(names = "--misbehaviour-threshold", description = "Misbehaviour reports that suspend a site.")
        Long threshold;

        @Option(names = "--allowed-suites", split = ",", description = "Suite numbers packets may use.")
        java.util.List<Integer> suites;

        @Option(names = "--sequence-rule", paramLabel = "RULE", description = "How site sequence numbers are checked:"
                + " CONTIGUOUS (exactly the next; lets sites pipeline) or INCREASING (any higher).")
        org.bkdms.ledger.tx.SequenceRule sequenceRule;

        @Override
        public Integer call() throws Exception {
            try (SmartCityPlatform p = platform.openTool()) {
                String id = chain == null ? p.config().ledgers().get(0).chainId() : chain;
                var client = p.clients().get(id);
                if (client == null) {
                    throw new InputException("chain " + id + " is not configured", null);
                }
                AdminAction.DeployContracts now = client.contractConfig()
                        .orElseThrow(() -> new InputException("the contracts are not deployed on " + id, null));
                AdminAction.DeployContracts next = new AdminAction.DeployContracts(now.configVersion() + 1,
                        maxSubmission == null ? now.maxSubmissionOctets() : maxSubmission,
                        rateLimit == null ? now.rateLimitCount() : rateLimit,
                        rateWindow == null ? now.rateLimitWindowSeconds() : rateWindow,
                        threshold == null ? now.misbehaviourThreshold() : threshold,
                        suites == null ? now.allowedSuites() : suites,
                        sequenceRule == null ? now.sequenceRule() : sequenceRule);
                SubmitResult r = p.permissions(id).deployContracts(next);
                spec.commandLine().getOut().printf("contracts version %d committed in block %d%n", next.configVersion(),
                        r.height());
            }
            return ExitCodes.OK;
        }
    }
}
