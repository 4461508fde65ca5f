package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisCommandTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void sampleWritesSiteFilesAndTheWholeReport() throws Exception {
        CliRun r = run("analysis", "sample", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("12450 observations from 5 sites").contains("UNLOCODE:NOTRD: completeness");
        try (var sites = Files.list(dir.resolve("sites"))) {
            assertThat(sites.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("10.20.0.1.csv",
                    "10.20.0.2.csv", "10.20.0.3.csv", "10.30.0.1.csv", "10.30.0.2.csv");
        }
        for (String f : new String[] {"values.csv", "quality-sites.csv", "quality.json", "assessment.json",
            "ngsi-ld.json", "anomalies.csv"}) {
            assertThat(dir.resolve("report").resolve(f)).isNotEmptyFile();
        }
        byte[] first = Files.readAllBytes(dir.resolve("report/assessment.json"));
        assertThat(run("analysis", "sample", "--out", dir.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("report/assessment.json"))).as("deterministic").isEqualTo(first);
    }

    @Test
    void aBadTargetsFileIsInvalidInput() throws Exception {
        Path targets = Files.writeString(dir.resolve("t.yaml"), "targets: [{kpi: 'XX: YY: ZZ: 1C', value: 1, year: 2030}]");
        CliRun r = run("analysis", "sample", "--out", dir.resolve("o").toString(), "--targets", targets.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("INVALID_TARGETS").contains("unknown KPI");
    }
}
