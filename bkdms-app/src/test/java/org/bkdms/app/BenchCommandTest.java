package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A small run of the ledger benchmark: every submission commits and the figures are reported. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void theLedgerBenchmarkCommitsEverySubmissionAndReportsRateAndLatency() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        Path json = dir.resolve("bench.json");
        int exit = cl.execute("bench", "ledger", "--sites", "2", "--per-site", "40", "--block-period-ms", "50", "--json",
                json.toString());
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("committed               80 of 80", "submissions/s", "p50");
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("committed").asLong()).isEqualTo(80);
        assertThat(r.get("submissionsPerSecond").asDouble()).isPositive();
        assertThat(r.get("latencyP99Millis").asDouble()).isGreaterThanOrEqualTo(r.get("latencyP50Millis").asDouble());
    }

    @Test
    void theEndToEndBenchmarkStoresAndVerifiesEveryRecordAndWritesConsistentFigures() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        Path json = dir.resolve("e2e.json");
        Path svg = dir.resolve("e2e.svg");
        int exit = cl.execute("bench", "--sites", "2", "--records", "120", "--rate", "300", "--block-period-ms", "50",
                "--json", json.toString(), "--svg", svg.toString());
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("records/s sustained", "crypto-bound limit", "p50");
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("benchmark").asText()).isEqualTo("end-to-end");
        for (String f : new String[] {"sealed", "committed", "stored", "verified"}) {
            assertThat(r.get(f).asLong()).as(f).isEqualTo(120);
        }
        assertThat(r.get("blocks").asLong()).isGreaterThan(1);
        double rate = r.get("recordsPerSecond").asDouble();
        assertThat(rate).isPositive();
        assertThat(rate * r.get("seconds").asDouble()).isCloseTo(120, org.assertj.core.data.Offset.offset(0.5));
        assertThat(r.get("latencyP99Millis").asDouble()).isGreaterThanOrEqualTo(r.get("latencyP50Millis").asDouble())
                .isLessThanOrEqualTo(r.get("latencyMaxMillis").asDouble());
        JsonNode c = r.get("cryptoBound");
        double perRecord = 1 / c.get("sealPerSecond").asDouble() + 1 / c.get("envelopeVerifyPerSecond").asDouble()
                + 1 / c.get("digestVerifyPerSecond").asDouble() + 1 / c.get("openPerSecond").asDouble();
        assertThat(c.get("combinedPerSecondPerCore").asDouble()).isCloseTo(1 / perRecord,
                org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(c.get("recordsPerSecond").asDouble()).isCloseTo(c.get("combinedPerSecondPerCore").asDouble()
                * c.get("cores").asInt(), org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(r.get("ratioToCryptoBound").asDouble()).isCloseTo(rate / c.get("recordsPerSecond").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(0.1));
        for (String role : new String[] {"sites", "node", "platform", "transport", "other"}) {
            assertThat(r.get("cpuSeconds").get(role).asDouble()).as(role).isNotNegative();
        }
        assertThat(r.get("cpuSeconds").get("sites").asDouble()).isPositive();
        assertThat(r.get("cpuSeconds").get("platform").asDouble()).isPositive();
        long inTimeline = 0;
        for (JsonNode s : r.get("timeline")) {
            inTimeline += s.get("stored").asLong();
        }
        assertThat(inTimeline).isEqualTo(120);
        assertThat(java.nio.file.Files.readString(svg)).startsWith("<svg").contains("<polyline", "records/s stored")
                .endsWith("</svg>\n");
    }
}
