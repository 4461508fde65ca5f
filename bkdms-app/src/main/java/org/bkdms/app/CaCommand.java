package org.bkdms.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.record.SiteId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms ca}: the certificate authority that issues TLS certificates to sites, nodes and platform. */
@Command(name = "ca", description = "Certificate authority for the TLS certificates of sites, nodes and platform.",
        subcommands = {CaCommand.Init.class, CaCommand.Issue.class})
final class CaCommand {

    @Command(name = "init", description = "Create a CA: its key and certificate in a keystore, the certificate also as PEM.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "CA keystore to create.")
        Path keystore;

        @Option(names = "--cert", required = true, paramLabel = "FILE", description = "CA certificate (PEM) that peers trust.")
        Path cert;

        @Option(names = "--name", defaultValue = "BKDMS CA", description = "Common name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--days", defaultValue = "3650", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int days;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(keystore)) {
                throw new InputException(keystore + " exists; a CA is created once", null);
            }
            CertificateAuthority ca = CertificateAuthority.create(name, Duration.ofDays(days));
            ca.save(keystore, passwords.password());
            CertificateAuthority.writePem(cert, List.of(ca.certificate()));
            spec.commandLine().getOut().printf("created CA '%s': %s, certificate %s%n", name, keystore, cert);
            return ExitCodes.OK;
        }
    }

    @Command(name = "issue", description = {"Issue a TLS certificate and add it, with its new key, to a keystore",
        "(entry " + CertificateAuthority.TLS_ALIAS + "; the keystore is created if missing)."})
    static final class Issue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ca-keystore", required = true, paramLabel = "FILE")
        Path caKeystore;

        @Option(names = "--role", required = true, description = "site, node, platform or auditor")
        String role;

        @Option(names = "--name", required = true, description = "Common name of the peer.")
        String name;

        @Option(names = "--site-id", paramLabel = "IP", description = "For a site: its Site ID (IP address literal).")
        String siteId;

        @Option(names = "--ip", paramLabel = "IP", description = "An address the peer serves on (nodes). Repeatable.")
        List<String> ips = new ArrayList<>();

        @Option(names = "--dns", paramLabel = "NAME", description = "A DNS name the peer serves on (nodes). Repeatable.")
        List<String> dns = new ArrayList<>();

        @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "Keystore to add the TLS key to.")
        Path keystore;

        @Option(names = "--days", defaultValue = "397", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int days;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            char[] password = passwords.password();
            CertificateAuthority ca = CertificateAuthority.load(caKeystore, password);
            CertificateAuthority.Issued issued;
            try {
                issued = ca.issue(name, role, siteId == null ? null : SiteId.parse(siteId), ips, dns, Duration.ofDays(days));
            } catch (IllegalArgumentException e) {
                throw new InputException(e.getMessage(), e);
            }
            CryptoSuites suites = CryptoSuites.standard();
            KeyStoreFile ks = Files.exists(keystore) ? Inputs.keystore(keystore, password, suites) : KeyStoreFile.empty(suites);
            ks.putTlsKey(CertificateAuthority.TLS_ALIAS, issued.privateKey(), issued.chain(), password);
            ks.save(keystore, password);
            spec.commandLine().getOut().printf("issued %s certificate for '%s' into %s (entry %s)%n", role, name, keystore,
                    CertificateAuthority.TLS_ALIAS);
            return ExitCodes.OK;
        }
    }
}
