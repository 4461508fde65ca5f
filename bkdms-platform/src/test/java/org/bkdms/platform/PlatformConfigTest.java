package org.bkdms.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.bkdms.platform.store.DatabaseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformConfigTest {
    @TempDir
    Path dir;

    @Test
    void relativePathsResolveAgainstTheFileAndTheDefaultDatabaseIsAnEmbeddedH2File() throws Exception {
        Path file = dir.resolve("platform.yaml");
        Files.writeString(file, """
                keystore: keys/platform.p12
                trustedCa: ca.pem
                ledgers:
                  - chainId: bkdms://a/chain
                    target: 127.0.0.1:7443
                api:
                  users: users.yaml
                """);
        PlatformConfig c = PlatformConfig.read(file);
        assertThat(c.keystore()).isEqualTo(dir.resolve("keys/platform.p12"));
        assertThat(c.api().listen()).isEqualTo("127.0.0.1:8443");
        assertThat(c.api().users()).isEqualTo(dir.resolve("users.yaml"));
        assertThat(c.databaseConfig().url()).startsWith("jdbc:h2:file:" + dir.resolve("platform-data"));
        assertThat(c.batchBlocksOrDefault()).isEqualTo(256);
    }

    @Test
    void unknownFieldsMissingFieldsAndDuplicateChainsAreTypedConfigErrors() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "keystore: k\ntrustedCa: c\nledgers: []\n");
        assertThatThrownBy(() -> PlatformConfig.read(file)).isInstanceOf(PlatformException.class)
                .satisfies(e -> assertThat(((PlatformException) e).kind()).isEqualTo(PlatformException.Kind.INVALID_CONFIG));
        Files.writeString(file, "keystore: k\ntrustedCa: c\nledgerz: []\n");
        assertThatThrownBy(() -> PlatformConfig.read(file)).isInstanceOf(PlatformException.class);
        Files.writeString(file, """
                keystore: k
                trustedCa: c
                ledgers:
                  - {chainId: a, target: 'h:1'}
                  - {chainId: a, target: 'h:2'}
                """);
        assertThatThrownBy(() -> PlatformConfig.read(file)).isInstanceOf(PlatformException.class).hasMessageContaining("twice");
        Files.writeString(file, "keystore: k\ntrustedCa: c\nledgers:\n  - {chainId: a, target: 'h:1'}\n"
                + "database: {url: 'jdbc:mysql://x'}\n");
        assertThatThrownBy(() -> PlatformConfig.read(file).databaseConfig()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDashboardSectionGivesNamesLocationsAndARelativeTargetFileAndRefusesImpossibleValues() throws Exception {
        Path file = dir.resolve("platform.yaml");
        String base = "keystore: k\ntrustedCa: c\nledgers:\n  - {chainId: a, target: 'h:1'}\n";
        Files.writeString(file, base + """
                dashboard:
                  cities: {"UNLOCODE:NOTRD": Trondheim}
                  sites:
                    10.20.0.7: {latitude: 63.43, longitude: 10.39}
                  refreshSeconds: 15
                  targets: t/targets.yaml
                """);
        PlatformConfig c = PlatformConfig.read(file);
        assertThat(c.dashboardOrDefaults().cities()).containsEntry("UNLOCODE:NOTRD", "Trondheim");
        assertThat(c.dashboardOrDefaults().sites().get("10.20.0.7").latitude()).isEqualTo(63.43);
        assertThat(c.dashboardOrDefaults().refreshSecondsOrDefault()).isEqualTo(15);
        assertThat(c.dashboardOrDefaults().targets()).isEqualTo(dir.resolve("t/targets.yaml"));
        assertThat(c.dashboardOrDefaults().dataProviderOrDefault()).isEqualTo("BKDMS");
        Files.writeString(file, base);
        assertThat(PlatformConfig.read(file).dashboardOrDefaults().refreshSecondsOrDefault()).isEqualTo(60);
        for (String bad : new String[] {"dashboard: {refreshSeconds: 1}",
            "dashboard: {sites: {10.20.0.7: {latitude: 91, longitude: 0}}}",
            "dashboard: {sites: {10.20.0.7: {latitude: 0, longitude: -181}}}", "dashboard: {colour: red}"}) {
            Files.writeString(file, base + bad + "\n");
            assertThatThrownBy(() -> PlatformConfig.read(file)).as(bad).isInstanceOf(PlatformException.class)
                    .satisfies(e -> assertThat(((PlatformException) e).kind()).isEqualTo(PlatformException.Kind.INVALID_CONFIG));
        }
    }

    @Test
    void theEmbeddedDatabaseGetsAnOwnerOnlySecretAndAnOldOneWithoutPasswordIsGivenIt() throws Exception {
        PlatformConfig config = new PlatformConfig(dir.resolve("p.p12"), dir.resolve("ca.pem"), dir.resolve("data"), null,
                List.of(new PlatformConfig.Ledger("bkdms://a/chain", "127.0.0.1:7443", null)), null, null);
        // a database as earlier versions made it: embedded, with an empty password
        String url = "jdbc:h2:file:" + dir.resolve("data/platform").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        Files.createDirectories(dir.resolve("data"));
        try (Connection c = DriverManager.getConnection(url, "bkdms", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v INT)");
            s.execute("INSERT INTO kept VALUES (7)");
        }
        DatabaseConfig db = config.databaseConfig();
        Path secret = dir.resolve("data").resolve(PlatformConfig.EMBEDDED_SECRET);
        assertThat(db.password()).hasSize(32).isEqualTo(Files.readString(secret).strip());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "bkdms", "").close()).isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(url, "bkdms", db.password()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT v FROM kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(7);
        }
        // later opens read the same secret
        assertThat(config.databaseConfig().password()).isEqualTo(db.password());
    }
}
