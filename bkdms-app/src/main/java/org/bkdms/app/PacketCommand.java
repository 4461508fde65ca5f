package org.bkdms.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.VerificationException;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.keys.PemFiles;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.packet.KpiPacket;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.packet.OpenedPacket;
import org.bkdms.core.packet.PacketOpener;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.packet.SealedPacket;
import org.bkdms.core.record.UnifiedKpiRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms packet}: seal, open and inspect encrypted KPI packets (Y.4907 Table 10-2). */
@Command(name = "packet", description = "Seal, open and inspect encrypted KPI data packets.",
        subcommands = {PacketCommand.Seal.class, PacketCommand.Open.class, PacketCommand.Inspect.class,
            PacketCommand.Sample.class})
final class PacketCommand {

    /** The site's signing key: from a keystore or a PKCS#8 PEM file. */
    static final class SiteSigningKey {
        @Option(names = "--site-keystore", paramLabel = "FILE", description = "Site keystore (entry "
                + KeyAliases.SITE_SIGNING + ").")
        Path keystore;

        @Option(names = "--site-key-pem", paramLabel = "FILE", description = "Site signing key as PKCS#8 PEM.")
        Path pem;

        SuitePrivateKey load(PasswordOptions passwords, CryptoSuites suites) throws IOException, GeneralSecurityException {
            if (pem != null) {
                return PemFiles.readPrivateKey(pem, KeyPurpose.SIGNING, suites);
            }
            return Inputs.keystore(keystore, passwords.password(), suites).privateKey(KeyAliases.SITE_SIGNING,
                    passwords.password());
        }
    }

    /** The platform's public encryption key: from a PEM file or a keystore. */
    static final class PlatformPublicKey {
        @Option(names = "--platform-key", paramLabel = "FILE", description = "Platform encryption key as PEM "
                + "(SubjectPublicKeyInfo), as written by 'keys export' or 'keys generate --pem'.")
        Path pem;

        @Option(names = "--platform-keystore", paramLabel = "FILE", description = "Platform keystore (entry "
                + KeyAliases.PLATFORM_ENCRYPTION + ").")
        Path keystore;

        SuitePublicKey load(PasswordOptions passwords, CryptoSuites suites) throws IOException, GeneralSecurityException {
            return Inputs.publicKey(pem, keystore, KeyPurpose.ENCRYPTION, KeyAliases.PLATFORM_ENCRYPTION, passwords, suites);
        }
    }

    /** The site's public signing key: from a PEM file or a keystore. */
    static final class SitePublicKey {
        @Option(names = "--site-key", paramLabel = "FILE", description = "Site signing key as PEM (SubjectPublicKeyInfo).")
        Path pem;

        @Option(names = "--site-keystore", paramLabel = "FILE", description = "Site keystore (entry "
                + KeyAliases.SITE_SIGNING + ").")
        Path keystore;

        SuitePublicKey load(PasswordOptions passwords, CryptoSuites suites) throws IOException, GeneralSecurityException {
            return Inputs.publicKey(pem, keystore, KeyPurpose.SIGNING, KeyAliases.SITE_SIGNING, passwords, suites);
        }
    }

    /** The platform's private encryption keys: every encryption key of a keystore, or one PEM file. */
    static final class PlatformPrivateKeys {
        @Option(names = "--platform-keystore", paramLabel = "FILE", description = "Platform keystore; every encryption "
                + "key in it (current and rotated) is tried by key id.")
        Path keystore;

        @Option(names = "--platform-key-pem", paramLabel = "FILE", description = "Platform encryption key as PKCS#8 PEM.")
        Path pem;

        List<SuitePrivateKey> load(PasswordOptions passwords, CryptoSuites suites)
                throws IOException, GeneralSecurityException {
            List<SuitePrivateKey> keys = new ArrayList<>();
            if (pem != null) {
                keys.add(PemFiles.readPrivateKey(pem, KeyPurpose.ENCRYPTION, suites));
                return keys;
            }
            char[] password = passwords.password();
            KeyStoreFile ks = Inputs.keystore(keystore, password, suites);
            for (String alias : ks.aliases()) {
                if (ks.isPrivateKey(alias) && ks.publicKey(alias).purpose() == KeyPurpose.ENCRYPTION) {
                    keys.add(ks.privateKey(alias, password));
                }
            }
            if (keys.isEmpty()) {
                throw new GeneralSecurityException("keystore " + keystore + " holds no encryption key");
            }
            return keys;
        }
    }

    @Command(name = "seal", description = "Encrypt a record to the platform and sign its salted digest.")
    static final class Seal implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "Record as JSON or DER.")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Packet DER output.")
        Path out;

        @Option(names = "--sequence", paramLabel = "N", description = "Set the record's per-site sequence number.")
        Long sequence;

        @ArgGroup(exclusive = true, multiplicity = "1")
        SiteSigningKey site;

        @ArgGroup(exclusive = true, multiplicity = "1")
        PlatformPublicKey platform;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            CryptoSuites suites = CryptoSuites.standard();
            UnifiedKpiRecord record = Inputs.record(in, new RecordJson());
            if (sequence != null) {
                record = record.withExtending(record.extending().withSequenceNumber(sequence));
            }
            KpiCatalogue.u4ssc().validate(record.kpiData());
            SuitePrivateKey siteKey = site.load(passwords, suites);
            SuitePublicKey platformKey = platform.load(passwords, suites);
            if (siteKey.suite().id() != platformKey.suite().id()) {
                throw new InputException("site key is " + siteKey.suite().name() + " but platform key is "
                        + platformKey.suite().name() + "; both must belong to one suite", null);
            }
            SealedPacket sealed = new PacketSealer(platformKey, siteKey).seal(record);
            Files.write(out, sealed.encoded());
            spec.commandLine().getErr().printf("sealed %s -> %s (%d octets, suite %s, platform key %s)%n", in, out,
                    sealed.encoded().length, platformKey.suite().name(), platformKey.keyId());
            return ExitCodes.OK;
        }
    }

    @Command(name = "open", description = {"Verify the site's signature, decrypt with the platform key, check the digest,",
        "and print the record as JSON."})
    static final class Open implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "Packet DER.")
        Path in;

        @ArgGroup(exclusive = true, multiplicity = "1")
        PlatformPrivateKeys platform;

        @ArgGroup(exclusive = true, multiplicity = "1")
        SitePublicKey site;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            CryptoSuites suites = CryptoSuites.standard();
            KpiPacket packet = KpiPacketCodec.decode(Inputs.read(in));
            OpenedPacket opened = new PacketOpener(suites, platform.load(passwords, suites))
                    .open(packet, site.load(passwords, suites));
            spec.commandLine().getOut().println(new RecordJson().toText(opened.record()));
            spec.commandLine().getErr().printf("verified: site signature by key %s, digest, decryption with platform key %s%n",
                    packet.encryptedDigest().signerKeyId(), packet.encryptedKpiData().recipientKeyId());
            return ExitCodes.OK;
        }
    }

    @Command(name = "inspect", description = {"Show a packet's structure without decrypting it; with a site key,",
        "also check the site's signature (exit 1 if it fails)."})
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "Packet DER.")
        Path in;

        @ArgGroup(exclusive = true)
        SitePublicKey site;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            CryptoSuites suites = CryptoSuites.standard();
            byte[] der = Inputs.read(in);
            KpiPacket p = KpiPacketCodec.decode(der);
            HexFormat hex = HexFormat.of();
            RecordJson json = new RecordJson();
            ObjectNode o = json.mapper().createObjectNode();
            o.put("size", der.length);
            o.put("version", KpiPacketCodec.VERSION);
            o.put("suite", p.suiteId());
            try {
                o.put("suiteName", suites.byId(p.suiteId()).name());
            } catch (VerificationException e) {
                o.put("suiteName", "unsupported");
            }
            ObjectNode data = o.putObject("encryptedKpiData");
            data.put("recipientKeyId", p.encryptedKpiData().recipientKeyId().toString());
            data.put("enc", hex.formatHex(p.encryptedKpiData().enc()));
            data.put("ciphertextLength", p.encryptedKpiData().ciphertext().length);
            ObjectNode digest = o.putObject("encryptedDigest");
            digest.put("signerKeyId", p.encryptedDigest().signerKeyId().toString());
            digest.put("digest", hex.formatHex(p.encryptedDigest().digest()));
            digest.put("signature", hex.formatHex(p.encryptedDigest().signature()));
            int exit = ExitCodes.OK;
            String failure = null;
            if (site != null) {
                try {
                    PacketOpener.verifySignature(suites, p, site.load(passwords, suites));
                    o.put("signature", "valid");
                } catch (VerificationException e) {
                    o.put("signature", "invalid: " + e.getMessage());
                    failure = e.reasonCode() + ": " + e.getMessage();
                    exit = ExitCodes.VERIFICATION_FAILED;
                }
            }
            spec.commandLine().getOut().println(json.mapper().writeValueAsString(o));
            if (failure != null) {
                spec.commandLine().getErr().println("bkdms: " + failure);
            }
            return exit;
        }
    }

    @Command(name = "sample", description = {"Seal and open a sample record end to end: create sample site and platform",
        "keystores if missing, seal the shipped sample record, open and verify it, and print it."})
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "bkdms-data/sample",
                description = "Working directory for keys and packet (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--suite", paramLabel = "NAME", description = "Crypto suite for newly created keys.")
        String suite;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            CryptoSuites suites = CryptoSuites.standard();
            Files.createDirectories(dir);
            Path passwordFile = dir.resolve("keystore.password");
            Path siteKs = dir.resolve("site.p12");
            Path platformKs = dir.resolve("platform.p12");
            char[] password = samplePassword(passwordFile, suites);
            if (!Files.exists(siteKs) || !Files.exists(platformKs)) {
                CryptoSuite s = suite == null ? suites.defaultSuite() : suites.byName(suite);
                out.printf("[1/4] creating sample keystores in %s (suite %s)%n", dir, s.name());
                KeyStoreFile site = KeyStoreFile.empty(suites);
                site.putPrivateKey(KeyAliases.SITE_SIGNING, s.generate(KeyPurpose.SIGNING), "sample site", null, password);
                site.save(siteKs, password);
                KeyStoreFile platform = KeyStoreFile.empty(suites);
                SuitePrivateKey admin = s.generate(KeyPurpose.SIGNING);
                platform.putPrivateKey(KeyAliases.PLATFORM_ADMIN, admin, "sample platform admin", null, password);
                platform.putPrivateKey(KeyAliases.PLATFORM_ENCRYPTION, s.generate(KeyPurpose.ENCRYPTION),
                        "sample platform encryption", admin, password);
                platform.save(platformKs, password);
            } else {
                out.printf("[1/4] reusing sample keystores in %s%n", dir);
            }
            KeyStoreFile site = Inputs.keystore(siteKs, password, suites);
            KeyStoreFile platform = Inputs.keystore(platformKs, password, suites);
            SuitePrivateKey siteKey = site.privateKey(KeyAliases.SITE_SIGNING, password);
            SuitePrivateKey platformKey = platform.privateKey(KeyAliases.PLATFORM_ENCRYPTION, password);

            RecordJson json = new RecordJson();
            UnifiedKpiRecord record;
            try (InputStream in = Sample.class.getResourceAsStream("/org/bkdms/app/sample-record.json")) {
                record = json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            KpiCatalogue.u4ssc().validate(record.kpiData());
            out.printf("[2/4] sample record: %s %s at %s, site %s%n", record.kpiData().code(),
                    record.kpiData().values(), record.city(), record.siteId());

            SealedPacket sealed = new PacketSealer(platformKey.publicKey(), siteKey).seal(record);
            Path packetFile = dir.resolve("sample-packet.der");
            Files.write(packetFile, sealed.encoded());
            out.printf("[3/4] sealed with %s: %s (%d octets; platform key %s, site key %s)%n", siteKey.suite().name(),
                    packetFile, sealed.encoded().length, platformKey.keyId(), siteKey.keyId());

            KpiPacket decoded = KpiPacketCodec.decode(Files.readAllBytes(packetFile));
            OpenedPacket opened = new PacketOpener(suites, List.of(platformKey)).open(decoded, siteKey.publicKey());
            if (!opened.record().equals(sealed.record())) {
                throw new VerificationException(VerificationException.Failure.DIGEST_MISMATCH,
                        "opened record differs from the sealed one");
            }
            out.println("[4/4] opened: signature valid, decrypted, digest matches; record:");
            out.println(json.toText(opened.record()));
            out.printf("Try it by hand:%n  BKDMS_KEYSTORE_PASSWORD=$(cat %s) ./bkdms packet open --in %s "
                    + "--platform-keystore %s --site-keystore %s%n", passwordFile, packetFile, platformKs, siteKs);
            return ExitCodes.OK;
        }

        private static char[] samplePassword(Path file, CryptoSuites suites) throws IOException {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
            }
            String pw = HexFormat.of().formatHex(suites.defaultSuite().randomBytes(16));
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, pw + "\n", StandardCharsets.US_ASCII);
            return pw.toCharArray();
        }
    }
}
