package org.bkdms.platform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bkdms.core.keys.SecretFile;
import org.bkdms.platform.store.DatabaseConfig;

/**
 * The configuration of a smart city platform ({@code bkdms platform serve --config platform.yaml}),
 * and what an embedding program (such as {@code bkdms demo}) builds in code. Relative paths in the
 * file are resolved against the file's directory.
 *
 * @param keystore PKCS#12 keystore with {@code platform-admin}, {@code platform-encryption} (and
 *     archived encryption keys) and {@code tls}
 * @param trustedCa PEM file of the CA that issued the ledger nodes' certificates
 * @param dataDir where the embedded database lives when {@code database} is not given
 * @param database the database; {@code null} for embedded H2 under {@code dataDir}
 * @param ledgers the blockchain platforms to follow, at least one
 * @param api the HTTPS API; {@code null} for none
 * @param batchBlocks most blocks stored per database transaction; {@code null} for 256
 * @param dashboard what the analysis routes and the dashboard show beyond the data; {@code null} for defaults
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PlatformConfig(Path keystore, Path trustedCa, Path dataDir, Database database, List<Ledger> ledgers, Api api,
        Integer batchBlocks, Dashboard dashboard) {
    /** The embedded database's user. */
    private static final String EMBEDDED_USER = "bkdms";
    /** The file beside the embedded database that holds its password. */
    public static final String EMBEDDED_SECRET = "database.secret";

    /**
     * A configuration without dashboard settings.
     *
     * @param keystore see {@link #keystore()}
     * @param trustedCa see {@link #trustedCa()}
     * @param dataDir see {@link #dataDir()}
     * @param database see {@link #database()}
     * @param ledgers see {@link #ledgers()}
     * @param api see {@link #api()}
     * @param batchBlocks see {@link #batchBlocks()}
     */
    public PlatformConfig(Path keystore, Path trustedCa, Path dataDir, Database database, List<Ledger> ledgers, Api api,
            Integer batchBlocks) {
        this(keystore, trustedCa, dataDir, database, ledgers, api, batchBlocks, null);
    }

    /**
     * What the analysis and the dashboard know beyond the records: readable city names, where the
     * sites stand (the records carry an address, not a place), the page's refresh interval and the
     * targets to assess against.
     *
     * @param cities readable names by city ({@code UNLOCODE:NOTRD: Trondheim}); {@code null} for none
     * @param sites site locations by site id; {@code null} for none (the map then stays empty)
     * @param refreshSeconds how often the page reloads its figures, 5 to 3600; {@code null} for 60
     * @param targets a targets YAML file (docs/ANALYSIS.md); {@code null} for the shipped example 2030 targets
     * @param dataProvider the {@code dataProvider} stated in NGSI-LD exports; {@code null} for {@code BKDMS}
     */
    public record Dashboard(Map<String, String> cities, Map<String, Location> sites, Integer refreshSeconds, Path targets,
            String dataProvider) {
        /**
         * Checks the values.
         *
         * @param cities see {@link #cities()}
         * @param sites see {@link #sites()}
         * @param refreshSeconds see {@link #refreshSeconds()}
         * @param targets see {@link #targets()}
         * @param dataProvider see {@link #dataProvider()}
         */
        public Dashboard {
            cities = cities == null ? Map.of() : Map.copyOf(cities);
            sites = sites == null ? Map.of() : Map.copyOf(sites);
            if (refreshSeconds != null && (refreshSeconds < 5 || refreshSeconds > 3600)) {
                throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "dashboard.refreshSeconds must be 5 to 3600");
            }
            for (Map.Entry<String, Location> e : sites.entrySet()) {
                Location l = e.getValue();
                if (l == null || !(l.latitude() >= -90 && l.latitude() <= 90 && l.longitude() >= -180 && l.longitude() <= 180)) {
                    throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "dashboard.sites." + e.getKey()
                            + " needs latitude -90..90 and longitude -180..180");
                }
            }
        }

        /** @return the defaults: no names, no locations, refresh every minute, the example targets */
        public static Dashboard defaults() {
            return new Dashboard(null, null, null, null, null);
        }

        /** @return the refresh interval in seconds */
        public int refreshSecondsOrDefault() {
            return refreshSeconds == null ? 60 : refreshSeconds;
        }

        /** @return the NGSI-LD data provider */
        public String dataProviderOrDefault() {
            return dataProvider == null ? "BKDMS" : dataProvider;
        }
    }

    /**
     * Where a site stands.
     *
     * @param latitude WGS 84 latitude in degrees
     * @param longitude WGS 84 longitude in degrees
     */
    public record Location(double latitude, double longitude) {
    }

    /**
     * A blockchain platform to follow.
     *
     * @param chainId its Chain ID (URL), which its blocks must carry
     * @param target one of its nodes, {@code host:port}
     * @param authority the name on the node's certificate, if not the target's host
     */
    public record Ledger(String chainId, String target, String authority) {
    }

    /**
     * The database.
     *
     * @param url JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...})
     * @param user the user
     * @param passwordFile file whose first line is the password
     * @param passwordEnv environment variable holding the password
     * @param maxPoolSize most pooled connections; {@code null} for 4
     */
    public record Database(String url, String user, Path passwordFile, String passwordEnv, Integer maxPoolSize) {
    }

    /**
     * The HTTPS API.
     *
     * @param listen {@code host:port} (port 0 picks a free one)
     * @param keystore PKCS#12 keystore with the server's TLS key; {@code null} for the platform
     *     keystore's {@code tls} entry
     * @param users the users file (names, roles, PBKDF2 password hashes)
     */
    public record Api(String listen, Path keystore, Path users) {
    }

    /**
     * Reads and checks a configuration file.
     *
     * @param file the YAML file
     * @return the configuration with paths resolved
     * @throws IOException if the file cannot be read
     * @throws PlatformException if it is not a valid configuration
     */
    public static PlatformConfig read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        PlatformConfig c;
        try {
            c = yaml.readValue(Files.readString(file, StandardCharsets.UTF_8), PlatformConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, file + ": " + e.getOriginalMessage(), e);
        }
        if (c == null) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, file + " is empty");
        }
        return c.resolve(file.toAbsolutePath().getParent());
    }

    /**
     * @param base directory relative paths are resolved against
     * @return this configuration with paths resolved and checked
     * @throws PlatformException if a required field is missing
     */
    public PlatformConfig resolve(Path base) {
        if (keystore == null || trustedCa == null || ledgers == null || ledgers.isEmpty()) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG,
                    "platform configuration needs keystore, trustedCa and at least one ledger");
        }
        for (Ledger l : ledgers) {
            if (l.chainId() == null || l.target() == null) {
                throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "each ledger needs chainId and target");
            }
        }
        if (ledgers.stream().map(Ledger::chainId).distinct().count() != ledgers.size()) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "a chain id is listed twice");
        }
        Database d = database == null ? null : new Database(d(database.url()), database.user() == null ? "bkdms" : database.user(),
                database.passwordFile() == null ? null : base.resolve(database.passwordFile()), database.passwordEnv(),
                database.maxPoolSize());
        Api a = api == null ? null : new Api(api.listen() == null ? "127.0.0.1:8443" : api.listen(),
                api.keystore() == null ? null : base.resolve(api.keystore()), api.users() == null ? null : base.resolve(api.users()));
        Dashboard dash = dashboard == null ? null : new Dashboard(dashboard.cities(), dashboard.sites(),
                dashboard.refreshSeconds(), dashboard.targets() == null ? null : base.resolve(dashboard.targets()),
                dashboard.dataProvider());
        return new PlatformConfig(base.resolve(keystore), base.resolve(trustedCa),
                base.resolve(dataDir == null ? Path.of("platform-data") : dataDir), d, List.copyOf(ledgers), a, batchBlocks, dash);
    }

    private static String d(String url) {
        if (url == null) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "database needs a url");
        }
        return url;
    }

    /**
     * @return the database to open: the configured one, or an embedded H2 file under {@link #dataDir()}
     *     that several processes (the server, {@code bkdms audit}) may open at once
     * @throws IOException if the password file cannot be read, or the embedded database's secret
     *     cannot be read or made
     */
    public DatabaseConfig databaseConfig() throws IOException {
        if (database == null) {
            String url = "jdbc:h2:file:" + dataDir.resolve("platform").toAbsolutePath() + ";AUTO_SERVER=TRUE";
            return new DatabaseConfig(url, EMBEDDED_USER, embeddedSecret(url), 4);
        }
        String password = "";
        if (database.passwordFile() != null) {
            password = Files.readAllLines(database.passwordFile(), StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } else if (database.passwordEnv() != null) {
            String v = System.getenv(database.passwordEnv());
            if (v == null) {
                throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "environment variable "
                        + database.passwordEnv() + " (database password) is not set");
            }
            password = v;
        }
        return new DatabaseConfig(database.url(), database.user(), password,
                database.maxPoolSize() == null ? 4 : database.maxPoolSize());
    }

    /**
     * The embedded database's password: random, kept in {@code database.secret} beside it, readable by
     * its owner only. Auto-server mode, which lets {@code bkdms audit} or {@code trace} open the
     * database while the platform serves, listens on a loopback port, so the database must not open
     * for anyone who finds that port. A database made before there was a secret (empty password)
     * gets one set the first time.
     */
    private String embeddedSecret(String url) throws IOException {
        Path file = dataDir.resolve(EMBEDDED_SECRET);
        Optional<String> existing = SecretFile.read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        String secret = SecretFile.newSecret();
        if (Files.exists(dataDir.resolve("platform.mv.db"))) {
            try (Connection c = DriverManager.getConnection(url, EMBEDDED_USER, "");
                 Statement st = c.createStatement()) {
                // the secret is base64url, so it needs no quoting beyond the literal's quotes
                st.execute("ALTER USER " + EMBEDDED_USER + " SET PASSWORD '" + secret + "'");
            } catch (SQLException e) {
                throw new IOException("the embedded database in " + dataDir + " has a password but " + file
                        + " is missing: " + e.getMessage(), e);
            }
        } else {
            Files.createDirectories(dataDir);
        }
        return SecretFile.write(file, secret);
    }

    /** @return the dashboard settings, the defaults when none are configured */
    public Dashboard dashboardOrDefaults() {
        return dashboard == null ? Dashboard.defaults() : dashboard;
    }

    /** @return blocks per database transaction */
    public int batchBlocksOrDefault() {
        return batchBlocks == null ? 256 : batchBlocks;
    }
}
