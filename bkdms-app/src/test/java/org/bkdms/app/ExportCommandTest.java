package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bkdms.platform.AnalysisData;
import org.bkdms.platform.PlatformFixture;
import org.bkdms.platform.SmartCityPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bkdms export} reads the database of a platform that is running beside it, as an operator would. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExportCommandTest {
    @TempDir
    Path dir;

    private CliRun run(Path config, Path password, String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--config", config.toString(), "--password-file",
                password.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void exportsCsvJsonAndNgsiLdFromTheDatabaseOfARunningPlatformAndRefusesBadFilters() throws Exception {
        try (PlatformFixture fx = new PlatformFixture(dir)) {
            int port = fx.startNode();
            Path config = dir.resolve("platform.yaml");
            Files.writeString(config, String.join("\n",
                    "keystore: platform.p12",
                    "trustedCa: ca.pem",
                    "dataDir: platform-data",
                    "ledgers:",
                    "  - chainId: " + PlatformFixture.CHAIN_ID,
                    "    target: 127.0.0.1:" + port,
                    "dashboard:",
                    "  cities: {\"UNLOCODE:NOTRD\": Trondheim, \"UNLOCODE:CNHGH\": Hangzhou}",
                    "  dataProvider: https://platform.example",
                    ""), StandardCharsets.UTF_8);
            Path password = fx.passwordFile();
            try (SmartCityPlatform platform = SmartCityPlatform.newBuilder()
                    .config(org.bkdms.platform.PlatformConfig.read(config)).password(PlatformFixture.PASSWORD).start()) {
                AnalysisData data = AnalysisData.seed(fx, platform);
                String window = "--from=" + data.from() + " --to=" + data.to() + " --granularity=day";

                CliRun csv = run(config, password, ("--format csv --table siteQuality " + window).split(" "));
                assertThat(csv.exit()).as(csv.err()).isZero();
                List<String> lines = csv.out().lines().toList();
                assertThat(lines.get(0)).startsWith("site,city,observations,");
                assertThat(lines).hasSize(3).anySatisfy(l -> assertThat(l).startsWith("10.20.0.7,UNLOCODE:NOTRD,"));

                Path file = dir.resolve("kpis.jsonld");
                CliRun ngsi = run(config, password, ("--format ngsi-ld --city NOTRD --out " + file + " " + window).split(" "));
                assertThat(ngsi.exit()).as(ngsi.err()).isZero();
                JsonNode entities = new ObjectMapper().readTree(file.toFile());
                assertThat(entities).isNotEmpty();
                for (JsonNode e : entities) {
                    assertThat(e.get("type").asText()).isEqualTo("KeyPerformanceIndicator");
                    assertThat(e.get("organization").get("value").asText()).isEqualTo("Trondheim");
                    assertThat(e.get("dataProvider").get("value").asText()).isEqualTo("https://platform.example");
                }

                CliRun json = run(config, password, "--format", "json", "--kpi", "EN: EN: AQ: 1C");
                assertThat(json.exit()).as(json.err()).isZero();
                JsonNode both = new ObjectMapper().readTree(json.out());
                assertThat(both.get("quality").get("sites")).hasSize(2);
                assertThat(both.get("assessment").get("values")).isNotEmpty();

                assertThat(run(config, password, "--format", "xml").exit()).isEqualTo(ExitCodes.USAGE);
                CliRun badKpi = run(config, password, "--format", "csv", "--kpi", "nope");
                assertThat(badKpi.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
                assertThat(badKpi.err()).contains("INVALID_REQUEST").contains("kpi");
                assertThat(run(config, password, "--format", "csv", "--table", "secrets").exit()).isEqualTo(ExitCodes.INVALID_INPUT);
                assertThat(run(config, password, "--format", "json", "--table", "trends").exit()).isEqualTo(ExitCodes.USAGE);
            }
        }
    }
}
