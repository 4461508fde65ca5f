package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real command line in-process, with real keystores and files in a temporary directory. */
class BkdmsCommandTest {
    @TempDir
    Path dir;

    private Path passwordFile;

    private CliRun run(String... args) {
        return CliRun.of(args);
    }

    private CliRun runWithPassword(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--password-file");
        all.add(passwordFile.toString());
        return run(all.toArray(String[]::new));
    }

    @BeforeEach
    void keys() throws Exception {
        passwordFile = dir.resolve("pw");
        Files.writeString(passwordFile, "s3cret-for-tests\n");
        assertThat(runWithPassword("keys", "generate", "--role", "site", "--keystore", p("site.p12"), "--pem",
                p("site-pem")).exit()).isZero();
        assertThat(runWithPassword("keys", "generate", "--role", "platform", "--keystore", p("platform.p12"), "--pem",
                p("platform-pem")).exit()).isZero();
        Files.writeString(dir.resolve("record.json"), """
                {"countryRegion": "NO", "city": {"scheme": "NO-KOMMUNENUMMER", "code": "5001"},
                 "siteId": "2001:db8::7", "time": "2025-12-31T23:59:59Z",
                 "kpi": {"code": "ec:ict:ict:1c", "unit": "%", "values": {"value": 97.00}},
                 "extending": {"sequenceNumber": 12, "qualityFlags": ["PROVISIONAL"], "unknown": {"700": "0403010203"}}}
                """);
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void sealThenOpenPrintsTheRecordAndReportsVerification() {
        CliRun seal = runWithPassword("packet", "seal", "--in", p("record.json"), "--out", p("packet.der"),
                "--site-keystore", p("site.p12"), "--platform-key", p("platform-pem/platform-encryption.pub.pem"));
        assertThat(seal.exit()).as(seal.err()).isZero();

        CliRun open = runWithPassword("packet", "open", "--in", p("packet.der"), "--platform-keystore", p("platform.p12"),
                "--site-key", p("site-pem/site-signing.pub.pem"));
        assertThat(open.exit()).as(open.err()).isZero();
        assertThat(open.out()).contains("\"code\" : \"EC: ICT: ICT: 1C\"", "\"value\" : \"97.00\"",
                "\"siteId\" : \"2001:db8:0:0:0:0:0:7\"", "\"countryRegion\" : \"578\"", "\"sequenceNumber\" : 12",
                "\"PROVISIONAL\"", "\"700\" : \"0403010203\"", "\"salt\"");
        assertThat(open.err()).startsWith("verified:");

        CliRun inspect = run("packet", "inspect", "--in", p("packet.der"), "--site-key", p("site-pem/site-signing.pub.pem"));
        assertThat(inspect.exit()).isZero();
        assertThat(inspect.out()).contains("\"signature\" : \"valid\"", "X25519-SHA256-AES256GCM-ED25519");
    }

    @Test
    void theWrongPlatformKeyAFlippedByteAndABadSignatureEachGiveOneLineAndExitOne() throws Exception {
        runWithPassword("packet", "seal", "--in", p("record.json"), "--out", p("packet.der"), "--site-keystore",
                p("site.p12"), "--platform-keystore", p("platform.p12"));
        runWithPassword("keys", "generate", "--role", "platform", "--keystore", p("other.p12"));

        CliRun wrongKey = runWithPassword("packet", "open", "--in", p("packet.der"), "--platform-keystore", p("other.p12"),
                "--site-keystore", p("site.p12"));
        assertThat(wrongKey.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(wrongKey.err().lines()).singleElement().asString().startsWith("bkdms: UNKNOWN_RECIPIENT_KEY:");

        byte[] packet = Files.readAllBytes(dir.resolve("packet.der"));
        byte[] flipped = packet.clone();
        flipped[packet.length / 2] ^= 0x10;
        Files.write(dir.resolve("flipped.der"), flipped);
        CliRun flip = runWithPassword("packet", "open", "--in", p("flipped.der"), "--platform-keystore", p("platform.p12"),
                "--site-keystore", p("site.p12"));
        assertThat(flip.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(flip.err().lines()).singleElement().asString().startsWith("bkdms: SIGNATURE_INVALID:");

        CliRun impostor = runWithPassword("packet", "open", "--in", p("packet.der"), "--platform-keystore", p("platform.p12"),
                "--site-key", p("platform-pem/platform-admin.pub.pem"));
        assertThat(impostor.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(impostor.err()).startsWith("bkdms: UNKNOWN_SIGNER_KEY:");

        byte[] truncated = java.util.Arrays.copyOf(packet, packet.length - 1);
        Files.write(dir.resolve("truncated.der"), truncated);
        CliRun malformed = runWithPassword("packet", "open", "--in", p("truncated.der"), "--platform-keystore",
                p("platform.p12"), "--site-keystore", p("site.p12"));
        assertThat(malformed.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(malformed.err()).startsWith("bkdms: MALFORMED_ENCODING:");
    }

    @Test
    void recordEncodeAndDecodeRoundTripThroughDer() throws Exception {
        CliRun enc = run("record", "encode", "--in", p("record.json"), "--out", p("record.der"));
        assertThat(enc.exit()).as(enc.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("record.der"))[0]).isEqualTo((byte) 0x30);
        CliRun dec = run("record", "decode", "--in", p("record.der"), "--check");
        assertThat(dec.exit()).isZero();
        Files.writeString(dir.resolve("again.json"), dec.out());
        assertThat(run("record", "encode", "--in", p("again.json"), "--out", p("again.der")).exit()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("again.der"))).isEqualTo(Files.readAllBytes(dir.resolve("record.der")));
    }

    @Test
    void invalidRecordsAreRefusedWithTheRuleThatFailed() throws Exception {
        String json = Files.readString(dir.resolve("record.json"));
        Files.writeString(dir.resolve("range.json"), json.replace("97.00", "101"));
        CliRun range = run("record", "encode", "--in", p("range.json"), "--out", p("x.der"));
        assertThat(range.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(range.err()).startsWith("bkdms: VALUE_OUT_OF_RANGE:");

        Files.writeString(dir.resolve("code.json"), json.replace("ec:ict:ict:1c", "EC: ICT: ICT: 9C"));
        assertThat(run("record", "encode", "--in", p("code.json"), "--out", p("x.der")).err())
                .startsWith("bkdms: UNKNOWN_KPI_CODE:");
        Files.writeString(dir.resolve("scheme.json"), json.replace("NO-KOMMUNENUMMER", "ZIP"));
        assertThat(run("record", "encode", "--in", p("scheme.json"), "--out", p("x.der")).err())
                .startsWith("bkdms: UNKNOWN_CITY_SCHEME:");
        Files.writeString(dir.resolve("broken.json"), "{\"countryRegion\": ");
        CliRun broken = run("record", "encode", "--in", p("broken.json"), "--out", p("x.der"));
        assertThat(broken.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(broken.err()).startsWith("bkdms: INVALID_INPUT: not valid JSON");
    }

    @Test
    void keystoreProblemsAreIoErrorsAndMissingPasswordsAreExplained() throws Exception {
        Files.writeString(dir.resolve("wrong-pw"), "nope\n");
        CliRun wrong = run("keys", "list", "--keystore", p("site.p12"), "--password-file", p("wrong-pw"));
        assertThat(wrong.exit()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(wrong.err()).contains("password");
        CliRun none = run("keys", "list", "--keystore", p("site.p12"), "--password-env", "BKDMS_TEST_UNSET_VARIABLE");
        assertThat(none.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.err()).contains("no keystore password");
        CliRun exists = runWithPassword("keys", "generate", "--role", "site", "--keystore", p("site.p12"));
        assertThat(exists.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(exists.err()).contains("--force");
        CliRun list = runWithPassword("keys", "list", "--keystore", p("platform.p12"));
        assertThat(list.out()).contains("platform-admin", "signing", "platform-encryption", "encryption");
        assertThat(run("packet", "seal").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theSampleCommandSealsAndOpensAndCanRunTwice() {
        CliRun first = run("packet", "sample", "--dir", p("sample"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("[4/4] opened: signature valid", "EN: EN: AQ: 1C");
        CliRun second = run("packet", "sample", "--dir", p("sample"), "--suite", "2");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("reusing sample keystores");
    }
}
