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
}
