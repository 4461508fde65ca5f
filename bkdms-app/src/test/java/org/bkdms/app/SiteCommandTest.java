package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.bkdms.site.storage.SiteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bkdms site status} and {@code bkdms site quarantine} on a site store. */
class SiteCommandTest {
    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @Test
    void quarantinedRowsAreListedWithReasonsAndReleasedById() throws Exception {
        Files.writeString(dir.resolve("mapping.yaml"), "rules: [{kpiField: kpi, valueField: value}]\n");
        Files.writeString(dir.resolve("site.yaml"), """
                siteId: 10.20.0.7
                countryRegion: "578"
                city: { scheme: UNLOCODE, code: NOTRD }
                dataDir: data
                keystore: site.p12
                trustedCa: ca.pem
                ledger: 127.0.0.1:7443
                mapping: mapping.yaml
                """);
        try (SiteStore store = SiteStore.open(dir.resolve("data"))) {
            store.inTransaction(u -> {
                u.quarantine("files", "bad.csv:3", "kpi=EC: ICT: ICT: 2C, value=140", "VALUE_OUT_OF_RANGE",
                        "140 outside valid range [0, 100]", Instant.now());
                u.quarantine("files", "bad.csv:4", "value=lots", "MALFORMED_VALUE", "'lots' is not a number", Instant.now());
                return null;
            });
        }
        String config = dir.resolve("site.yaml").toString();
        CliRun status = cli("site", "status", "--config", config);
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("quarantined:             2").contains("VALUE_OUT_OF_RANGE").contains("outbox pending:          0");

        CliRun list = cli("site", "quarantine", "list", "--config", config);
        assertThat(list.out()).contains("bad.csv:3").contains("140 outside valid range").contains("2 rows");

        assertThat(cli("site", "quarantine", "release", "--config", config, "1").exit()).isZero();
        CliRun again = cli("site", "quarantine", "release", "--config", config, "1");
        assertThat(again.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.out()).contains("no open quarantine entry 1");
        assertThat(cli("site", "quarantine", "list", "--config", config).out()).contains("1 rows").doesNotContain("bad.csv:3");
        assertThat(cli("site", "quarantine", "list", "--config", config, "--all").out()).contains("bad.csv:3").contains("released");
    }

    @Test
    void anInvalidConfigurationIsATypedErrorNamingTheField() throws Exception {
        Files.writeString(dir.resolve("site.yaml"), "siteId: 10.20.0.7\ncolour: red\n");
        CliRun r = cli("site", "status", "--config", dir.resolve("site.yaml").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("INVALID_SITE_CONFIG").contains("colour");
    }

    @Test
    void statusOfASiteThatNeverRanCreatesNothing() throws Exception {
        Files.writeString(dir.resolve("site.yaml"), """
                siteId: 10.20.0.7
                countryRegion: "578"
                city: { scheme: UNLOCODE, code: NOTRD }
                dataDir: data
                keystore: site.p12
                trustedCa: ca.pem
                ledger: 127.0.0.1:7443
                mapping: mapping.yaml
                """);
        CliRun r = cli("site", "status", "--config", dir.resolve("site.yaml").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("no site store");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
