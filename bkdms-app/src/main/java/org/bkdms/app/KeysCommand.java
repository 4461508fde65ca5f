package org.bkdms.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.keys.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms keys}: create and inspect the keystores of sites and the smart city platform. */
@Command(name = "keys", description = "Generate, list and export keys (PKCS#12 keystores).",
        subcommands = {KeysCommand.Generate.class, KeysCommand.ListKeys.class, KeysCommand.Export.class})
final class KeysCommand {

    /** The role a keystore is generated for. */
    enum Role {
        site, platform, node
    }

    @Command(name = "generate", description = {
        "Generate the keys of a role into a new PKCS#12 keystore.",
        "  site:     a signing key (alias " + KeyAliases.SITE_SIGNING + ")",
        "  node:     a block-signing key of a ledger node (alias " + KeyAliases.NODE_SIGNING + ")",
        "  platform: an admin signing key (alias " + KeyAliases.PLATFORM_ADMIN + ") and an encryption key (alias "
                + KeyAliases.PLATFORM_ENCRYPTION + ") certified by it"})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, description = "site, node or platform")
        Role role;

        @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "Keystore file to create.")
        Path keystore;

        @Option(names = "--suite", paramLabel = "NAME", description = "Crypto suite name or number (default: suite 1, "
                + "X25519-SHA256-AES256GCM-ED25519).")
        String suite;

        @Option(names = "--name", paramLabel = "NAME", description = "Name put in the key certificates (default: the role).")
        String name;

        @Option(names = "--pem", paramLabel = "DIR", description = "Also write every key as PEM into DIR: "
                + "ALIAS.pub.pem (SubjectPublicKeyInfo) and ALIAS.key.pem (PKCS#8, owner-readable only).")
        Path pemDir;

        @Option(names = "--force", description = "Overwrite an existing keystore.")
        boolean force;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(keystore) && !force) {
                throw new InputException(keystore + " exists; use --force to replace it", null);
            }
            char[] password = passwords.password();
            CryptoSuites suites = CryptoSuites.standard();
            CryptoSuite s = suite == null ? suites.defaultSuite() : suites.byName(suite);
            String cn = name == null ? role.name() : name;
            KeyStoreFile ks = KeyStoreFile.empty(suites);
            PrintWriter out = spec.commandLine().getOut();
            if (pemDir != null) {
                Files.createDirectories(pemDir);
            }
            if (role != Role.platform) {
                String alias = role == Role.site ? KeyAliases.SITE_SIGNING : KeyAliases.NODE_SIGNING;
                SuitePrivateKey signing = s.generate(KeyPurpose.SIGNING);
                ks.putPrivateKey(alias, signing, cn, null, password);
                report(out, alias, signing);
            } else {
                SuitePrivateKey admin = s.generate(KeyPurpose.SIGNING);
                SuitePrivateKey enc = s.generate(KeyPurpose.ENCRYPTION);
                ks.putPrivateKey(KeyAliases.PLATFORM_ADMIN, admin, cn + " admin", null, password);
                ks.putPrivateKey(KeyAliases.PLATFORM_ENCRYPTION, enc, cn + " encryption", admin, password);
                report(out, KeyAliases.PLATFORM_ADMIN, admin);
                report(out, KeyAliases.PLATFORM_ENCRYPTION, enc);
            }
            ks.save(keystore, password);
            out.printf("wrote %s (%s, suite %d %s)%n", keystore, role, s.id(), s.name());
            return ExitCodes.OK;
        }

        private void report(PrintWriter out, String alias, SuitePrivateKey key) throws java.io.IOException {
            out.printf("%-20s %-10s key id %s%n", alias, key.publicKey().purpose().name().toLowerCase(), key.keyId());
            if (pemDir != null) {
                PemFiles.writePublicKey(pemDir.resolve(alias + ".pub.pem"), key.publicKey());
                PemFiles.writePrivateKey(pemDir.resolve(alias + ".key.pem"), key);
            }
        }
    }

    @Command(name = "list", description = "List the entries of a keystore with purpose, suite and key id.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--keystore", required = true, paramLabel = "FILE")
        Path keystore;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            KeyStoreFile ks = Inputs.keystore(keystore, passwords.password(), CryptoSuites.standard());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s %-8s %-11s %-34s %s%n", "ALIAS", "ENTRY", "PURPOSE", "SUITE", "KEY ID");
            for (String alias : ks.aliases()) {
                SuitePublicKey k = ks.publicKey(alias);
                out.printf("%-24s %-8s %-11s %-34s %s%n", alias, ks.isPrivateKey(alias) ? "private" : "public",
                        k.purpose().name().toLowerCase(), k.suite().name(), k.keyId());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Write the public key of a keystore entry as PEM (SubjectPublicKeyInfo).")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--keystore", required = true, paramLabel = "FILE")
        Path keystore;

        @Option(names = "--alias", required = true)
        String alias;

        @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
        Path outFile;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            KeyStoreFile ks = Inputs.keystore(keystore, passwords.password(), CryptoSuites.standard());
            SuitePublicKey key = ks.publicKey(alias);
            if (outFile == null) {
                spec.commandLine().getOut().print(PemFiles.publicKeyPem(key));
            } else {
                PemFiles.writePublicKey(outFile, key);
            }
            return ExitCodes.OK;
        }
    }
}
