package org.bkdms.platform;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.platform.analysis.AnalysisService;
import org.bkdms.platform.api.RestApi;
import org.bkdms.platform.audit.AuditReport;
import org.bkdms.platform.audit.Auditor;
import org.bkdms.platform.extraction.ChainFollower;
import org.bkdms.platform.keys.PlatformKeyring;
import org.bkdms.platform.permission.PermissionService;
import org.bkdms.platform.query.QueryService;
import org.bkdms.platform.store.DatabaseConfig;
import org.bkdms.platform.store.PlatformDatabase;
import org.bkdms.platform.store.PlatformStore;
import org.bkdms.platform.trace.TraceService;
import org.bkdms.platform.verification.PacketVerifier;

/**
 * The smart city platform of Y.4907 (the KPI management module): keys, permissions, extraction,
 * verification, storage, decryption, trace, audit and the REST API, wired from one
 * {@link PlatformConfig}. {@code bkdms platform serve} runs one; {@code bkdms demo} embeds one
 * beside a node and sites; {@code bkdms trace} and {@code bkdms audit} open one without following.
 *
 * <p>Lifecycle: {@link Builder#start()} opens the keystore, migrates the database, connects to
 * every configured chain and (when following) starts extraction and the API; {@link #close()}
 * stops them in reverse order, storing what was already verified. Thread-safe.
 */
public final class SmartCityPlatform implements AutoCloseable {
    private final PlatformConfig config;
    private final PlatformKeyring keys;
    private final PlatformDatabase db;
    private final PlatformStore store;
    private final Map<String, LedgerClient> clients;
    private final Map<String, ChainFollower> followers;
    private final Map<String, PermissionService> permissions;
    private final TraceService trace;
    private final Auditor auditor;
    private final QueryService queries;
    private final AnalysisService analysis;
    private RestApi api;

    private SmartCityPlatform(PlatformConfig config, PlatformKeyring keys, PlatformDatabase db, Map<String, LedgerClient> clients,
            boolean follow, CryptoSuites suites, KpiCatalogue catalogue) {
        this.config = config;
        this.keys = keys;
        this.db = db;
        this.store = new PlatformStore(db);
        this.clients = clients;
        this.followers = new LinkedHashMap<>();
        this.permissions = new LinkedHashMap<>();
        if (follow) {
            ChainFollower.Settings settings = new ChainFollower.Settings(config.batchBlocksOrDefault(), 1024,
                    Duration.ofMillis(200));
            for (Map.Entry<String, LedgerClient> e : clients.entrySet()) {
                followers.put(e.getKey(), new ChainFollower(e.getKey(), e.getValue(), store,
                        () -> new PacketVerifier(suites, keys.opener(), catalogue), suites, catalogue, settings));
            }
        }
        for (Map.Entry<String, LedgerClient> e : clients.entrySet()) {
            ChainFollower f = followers.get(e.getKey());
            permissions.put(e.getKey(), new PermissionService(keys, e.getValue(), f == null ? () -> 0L : f::adminNonce,
                    Clock.systemUTC()));
        }
        this.trace = new TraceService(store, id -> Optional.ofNullable(clients.get(id)), keys, suites);
        this.auditor = new Auditor(store, suites, catalogue, Duration.ofMinutes(30));
        this.queries = new QueryService(db);
        this.analysis = new AnalysisService(db, catalogue, config.dashboardOrDefaults(), Clock.systemUTC(),
                AnalysisService.DEFAULT_CACHE_ENTRIES);
    }

    /** @return the analysis and assessment of the stored KPI data */
    public AnalysisService analysis() {
        return analysis;
    }

    /** @return a builder */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** @return the configuration */
    public PlatformConfig config() {
        return config;
    }

    /** @return the platform's keys */
    public PlatformKeyring keys() {
        return keys;
    }

    /** @return the store */
    public PlatformStore store() {
        return store;
    }

    /** @return the read-only queries behind the REST API and the dashboard */
    public QueryService queries() {
        return queries;
    }

    /** @return the followers, by chain id; empty when not following */
    public Map<String, ChainFollower> followers() {
        return Map.copyOf(followers);
    }

    /** @return the ledger clients, by chain id */
    public Map<String, LedgerClient> clients() {
        return Map.copyOf(clients);
    }

    /**
     * @param chainId a followed chain
     * @return its permission service
     * @throws PlatformException {@code NOT_FOUND} if the chain is not configured
     */
    public PermissionService permissions(String chainId) {
        PermissionService p = permissions.get(chainId);
        if (p == null) {
            throw new PlatformException(PlatformException.Kind.NOT_FOUND, "chain " + chainId + " is not configured");
        }
        return p;
    }

    /** @return the permission service of the first configured chain */
    public PermissionService permissions() {
        return permissions.values().iterator().next();
    }

    /** @return the trace service */
    public TraceService trace() {
        return trace;
    }

    /**
     * Audits the database against every configured chain.
     *
     * @return the report
     * @throws SQLException if the database fails
     */
    public AuditReport audit() throws SQLException {
        return auditor.audit(clients);
    }

    /** @return the routes the HTTPS API serves; empty if it does not run */
    public java.util.List<RestApi.Route> apiRoutes() {
        return api == null ? java.util.List.of() : api.routes();
    }

    /** @return the port the HTTPS API listens on, if it runs */
    public Optional<Integer> apiPort() {
        return api == null ? Optional.empty() : Optional.of(api.port());
    }

    @Override
    public synchronized void close() {
        if (api != null) {
            api.close();
        }
        followers.values().forEach(ChainFollower::close);
        clients.values().forEach(LedgerClient::close);
        db.close();
        keys.destroy();
    }

    /** Settings of a {@link SmartCityPlatform}; the configuration and password are required. */
    public static final class Builder {
        private PlatformConfig config;
        private char[] password;
        private DatabaseConfig database;
        private boolean follow = true;
        private boolean serveApi = true;
        private CryptoSuites suites = CryptoSuites.standard();
        private KpiCatalogue catalogue;

        private Builder() {
        }

        /**
         * @param config the configuration (paths resolved)
         * @return this builder
         */
        public Builder config(PlatformConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param password the platform keystore's password
         * @return this builder
         */
        public Builder password(char[] password) {
            this.password = password.clone();
            return this;
        }

        /**
         * @param database a database to use instead of the configuration's
         * @return this builder
         */
        public Builder database(DatabaseConfig database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * @param follow whether to follow the chains (off for one-shot tools such as trace and audit)
         * @return this builder
         */
        public Builder follow(boolean follow) {
            this.follow = follow;
            return this;
        }

        /**
         * @param serveApi whether to start the HTTPS API if the configuration has one
         * @return this builder
         */
        public Builder serveApi(boolean serveApi) {
            this.serveApi = serveApi;
            return this;
        }

        /**
         * @param suites the crypto suites; default {@link CryptoSuites#standard()}
         * @return this builder
         */
        public Builder suites(CryptoSuites suites) {
            this.suites = Objects.requireNonNull(suites, "suites");
            return this;
        }

        /**
         * @param catalogue the KPI catalogue; default {@link KpiCatalogue#u4ssc()}
         * @return this builder
         */
        public Builder catalogue(KpiCatalogue catalogue) {
            this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
            return this;
        }

        /**
         * Opens and starts the platform.
         *
         * @return the running platform
         * @throws IOException if a file cannot be read or the API cannot bind
         * @throws GeneralSecurityException if a key is missing or unusable
         * @throws SQLException if the database cannot be read
         * @throws PlatformException if the configuration is invalid
         */
        public SmartCityPlatform start() throws IOException, GeneralSecurityException, SQLException {
            if (config == null || password == null) {
                throw new IllegalStateException("config and password are required");
            }
            KpiCatalogue cat = catalogue == null ? KpiCatalogue.u4ssc() : catalogue;
            PlatformKeyring keys = PlatformKeyring.load(config.keystore(), password, suites);
            TlsCredentials tls = keys.tlsCredentials(config.trustedCa());
            PlatformDatabase db = PlatformDatabase.open(database != null ? database : config.databaseConfig());
            Map<String, LedgerClient> clients = new LinkedHashMap<>();
            List<AutoCloseable> opened = new ArrayList<>();
            SmartCityPlatform p = null;
            try {
                for (PlatformConfig.Ledger l : config.ledgers()) {
                    LedgerClient.Builder b = LedgerClient.newBuilder().target(l.target()).credentials(tls).suites(suites);
                    if (l.authority() != null) {
                        b.authority(l.authority());
                    }
                    LedgerClient c = b.build();
                    opened.add(c);
                    clients.put(l.chainId(), c);
                }
                p = new SmartCityPlatform(config, keys, db, clients, follow, suites, cat);
                for (ChainFollower f : p.followers.values()) {
                    f.start();
                }
                if (serveApi && config.api() != null) {
                    p.api = RestApi.start(p, config.api(), password);
                }
            } catch (IOException | GeneralSecurityException | SQLException | RuntimeException e) {
                if (p != null) {
                    p.followers.values().forEach(ChainFollower::close);
                }
                for (AutoCloseable c : opened) {
                    try {
                        c.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                db.close();
                throw e;
            }
            return p;
        }
    }
}
