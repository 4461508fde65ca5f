package org.bkdms.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteIdTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "10.0.0.7, 0a000007, 10.0.0.7",
        "0.0.0.0, 00000000, 0.0.0.0",
        "255.255.255.255, ffffffff, 255.255.255.255",
        "192.0.2.1, c0000201, 192.0.2.1",
        "' 10.0.0.7 ', 0a000007, 10.0.0.7",
    })
    void parsesIpv4DottedQuads(String literal, String hex, String text) {
        SiteId id = SiteId.parse(literal);
        assertThat(HEX.formatHex(id.address())).isEqualTo(hex);
        assertThat(id.isIpv6()).isFalse();
        assertThat(id).hasToString(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "2001:0db8:0000:0000:0000:0000:0000:0001",
        "2001:db8:0:0:0:0:0:1",
        "2001:db8::1",
        "2001:DB8::1",
        "[2001:db8::1]",
        " [2001:db8::0:1] ",
    })
    void parsesFullCompressedAndBracketedIpv6ToTheSameAddress(String literal) {
        SiteId id = SiteId.parse(literal);
        assertThat(HEX.formatHex(id.address())).isEqualTo("20010db8000000000000000000000001");
        assertThat(id.isIpv6()).isTrue();
        assertThat(id).hasToString("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void parsesSpecialIpv6Addresses() {
        assertThat(HEX.formatHex(SiteId.parse("::").address())).isEqualTo("00".repeat(16));
        assertThat(HEX.formatHex(SiteId.parse("::1").address())).isEqualTo("00".repeat(15) + "01");
        assertThat(HEX.formatHex(SiteId.parse("1:2:3:4:5:6:7:8").address()))
                .isEqualTo("00010002000300040005000600070008");
        assertThat(HEX.formatHex(SiteId.parse("fe80::1").address())).isEqualTo("fe80" + "00".repeat(13) + "01");
    }

    @Test
    void keepsIpv4MappedIpv6AsSixteenOctets() {
        SiteId mapped = SiteId.parse("::ffff:192.0.2.1");
        assertThat(mapped.isIpv6()).isTrue();
        assertThat(HEX.formatHex(mapped.address())).isEqualTo("00000000000000000000ffffc0000201");
        assertThat(mapped).isNotEqualTo(SiteId.parse("192.0.2.1"));
        assertThat(SiteId.parse("[::FFFF:c000:0201]")).isEqualTo(mapped);
        assertThat(mapped).hasToString("0:0:0:0:0:ffff:c000:201");
    }

    @Test
    void keepsIpv4CompatibleIpv6AsSixteenOctets() {
        assertThat(HEX.formatHex(SiteId.parse("::192.0.2.1").address())).isEqualTo("000000000000000000000000c0000201");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "localhost",
        "example.com",
        "nonexistent.invalid",
        "cafe",
        "dead.beef",
        "face.b00c",
        "010.0.0.1",
        "10.0.0.01",
        "00.0.0.0",
        "256.0.0.1",
        "1.2.3.256",
        "1000.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "1..3.4",
        "1.2.3.",
        ".1.2.3",
        "1.2.3.4/24",
        "1.2.3.4:80",
        "0x0a.0.0.1",
        "-1.2.3.4",
        "+1.2.3.4",
        "1.2.3.4 5",
        "١.٢.٣.٤",
        "fe80::1%eth0",
        "fe80::1%1",
        "[fe80::1%25eth0]",
        "1:2:3:4:5:6:7:8:9",
        "2001:db8::1::2",
        "12345::1",
        "::ffff:1.2.3",
        "::ffff:1.2.3.256",
        "2001:db8::g",
        "[2001:db8::1",
        "2001:db8::1]",
        "[[2001:db8::1]]",
        ":",
        ":::",
        "",
        " ",
        "[]",
        "[10.0.0.1]",
        "::ffff:010.0.0.1",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1::2:3:4:5:6:7:8",
        ":1::2",
        "1::2:",
        "::1.2.3.4:5",
        ".:1",
        "..:",
    })
    void rejectsAnythingButAddressLiterals(String literal) {
        assertThatThrownBy(() -> SiteId.parse(literal)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.INVALID_SITE_ID));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> SiteId.parse(null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> SiteId.of(null)).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5, 8, 15, 17, 32})
    void acceptsOnlyFourOrSixteenOctets(int length) {
        assertThatThrownBy(() -> SiteId.of(new byte[length])).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.INVALID_SITE_ID));
    }

    @Test
    void copiesTheAddressInAndOut() {
        byte[] octets = {10, 0, 0, 7};
        SiteId id = SiteId.of(octets);
        octets[3] = 8;
        assertThat(id).hasToString("10.0.0.7");
        id.address()[0] = 1;
        assertThat(id).hasToString("10.0.0.7");
        assertThat(id).isEqualTo(SiteId.parse("10.0.0.7")).hasSameHashCodeAs(SiteId.parse("10.0.0.7"));
    }

    @Test
    void failsFastOnHostNamesWithoutAnyLookup() {
        assertTimeoutPreemptively(Duration.ofMillis(500), () ->
                assertThatThrownBy(() -> SiteId.parse("nonexistent.invalid")).isInstanceOf(ValidationException.class)
                        .hasMessageContaining("not an IPv4 or IPv6 address literal"));
    }

    /**
     * Runs {@link SiteId#parse} in a child JVM whose name service is a hosts file that maps every
     * given name to 10.9.8.7: a parse that consulted the name service would return that address.
     */
    private static Map<String, String> parseWithEveryNameResolvable(Path dir, List<String> inputs)
            throws IOException, InterruptedException {
        Path hosts = dir.resolve("hosts");
        StringBuilder sb = new StringBuilder();
        for (String name : inputs) {
            sb.append("10.9.8.7 ").append(name.replace("[", "").replace("]", "")).append('\n');
        }
        Files.writeString(hosts, sb.toString(), StandardCharsets.US_ASCII);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"),
                LookupProbe.class.getName()));
        command.addAll(inputs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                results.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return results;
    }

    @Test
    void neverAsksTheNameServiceEvenForNamesItCouldResolve(@TempDir Path dir) throws Exception {
        Map<String, String> results = parseWithEveryNameResolvable(dir,
                List.of("localhost", "nonexistent.invalid", "example.com", "cafe", "dead.beef"));
        // the child's name service does resolve the names, so the test is not vacuous
        assertThat(results).containsEntry("resolve nonexistent.invalid", "10.9.8.7");
        assertThat(results).containsEntry("localhost", "rejected")
                .containsEntry("nonexistent.invalid", "rejected")
                .containsEntry("example.com", "rejected")
                .containsEntry("cafe", "rejected")
                .containsEntry("dead.beef", "rejected");
    }

    @Test
    void neverAsksTheNameServiceForTextStartingWithADot(@TempDir Path dir) throws Exception {
        Map<String, String> results = parseWithEveryNameResolvable(dir, List.of(".:1", "[.:1]"));
        assertThat(results).containsEntry("resolve .:1", "10.9.8.7");
        assertThat(results).containsEntry(".:1", "rejected").containsEntry("[.:1]", "rejected");
    }

    /** Entry point of the child JVM: prints "input TAB site id or 'rejected'" per argument. */
    public static final class LookupProbe {
        private LookupProbe() {
        }

        /** @param args literals to parse */
        public static void main(String[] args) {
            for (String a : args) {
                String result;
                try {
                    result = SiteId.parse(a).toString();
                } catch (ValidationException e) {
                    result = "rejected";
                }
                System.out.println(a + "\t" + result);
            }
            for (String a : args) {
                String name = a.replace("[", "").replace("]", "");
                String resolved;
                try {
                    resolved = InetAddress.getByName(name).getHostAddress();
                } catch (IOException e) {
                    resolved = "unresolved";
                }
                System.out.println("resolve " + name + "\t" + resolved);
            }
        }
    }
}
