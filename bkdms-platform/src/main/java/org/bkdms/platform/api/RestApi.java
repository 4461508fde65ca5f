package org.bkdms.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerUnavailableException;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.PlatformException;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.extraction.ChainFollower;
import org.bkdms.platform.query.QueryService;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The platform's REST API over HTTPS (TLS 1.3 only, Jetty with a PKCS#12 keystore), documented by
 * {@code openapi.yaml}, which it also serves. Every route but the OpenAPI document needs HTTP Basic
 * credentials of a user in the users file, and the route's role (see {@link Role}); no route is
 * writable anonymously. Handlers only translate between HTTP and the platform's services; errors are
 * mapped here, at the edge: not found 404, bad input 400, refused by the chain 409, missing role 403,
 * no or wrong credentials 401, node or database unavailable 503. It also serves the dashboard under
 * {@code /dashboard/}: an allow-list of files from the jar, behind the same credentials, and every
 * response carries a strict {@link #CONTENT_SECURITY_POLICY}.
 */
public final class RestApi implements AutoCloseable {
    /** Class-path location of the OpenAPI document. */
    public static final String OPENAPI_RESOURCE = "/org/bkdms/platform/api/openapi.yaml";

    /**
     * A route of the API.
     *
     * @param method the HTTP method
     * @param path the path, with {@code {name}} parameters
     * @param role the role it needs, or {@code null} for none
     */
    public record Route(String method, String path, Role role) {
    }

    private static final String ROLE_ATTRIBUTE = "bkdms.role";
    private static final String USER_ATTRIBUTE = "bkdms.user";
    /**
     * The Content-Security-Policy of every response: scripts, styles and data only from the platform
     * itself, no inline script or style element, no framing, no plugins.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Javalin app;
    private final List<Route> routes;

    private RestApi(Javalin app, List<Route> routes) {
        this.app = app;
        this.routes = List.copyOf(routes);
    }

    /**
     * Starts the API.
     *
     * @param platform the platform it serves
     * @param config where to listen, the TLS keystore and the users file
     * @param keystorePassword the password of the TLS keystore
     * @return the running API
     * @throws IOException if a file cannot be read or the port cannot be bound
     * @throws GeneralSecurityException if the TLS keystore is unusable
     */
    public static RestApi start(SmartCityPlatform platform, PlatformConfig.Api config, char[] keystorePassword)
            throws IOException, GeneralSecurityException {
        if (config.users() == null) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "the API needs a users file");
        }
        Users users = Users.read(config.users());
        Path keystore = config.keystore() == null ? platform.config().keystore() : config.keystore();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, keystorePassword);
        }
        String host = config.listen().substring(0, config.listen().lastIndexOf(':'));
        int port = Integer.parseInt(config.listen().substring(config.listen().lastIndexOf(':') + 1));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(ks);
        ssl.setKeyStorePassword(new String(keystorePassword));
        ssl.setCertAlias(CertificateAuthority.TLS_ALIAS);
        ssl.setIncludeProtocols("TLSv1.3");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Handlers h = new Handlers(platform, CryptoSuites.standard());
        List<Route> routes = new ArrayList<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.jetty.addConnector((server, http) -> {
                HttpConfiguration https = new HttpConfiguration(http);
                // clients reach the platform by address as often as by name, so SNI need not match
                https.addCustomizer(new SecureRequestCustomizer(false));
                ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                c.setHost(host);
                c.setPort(port);
                return c;
            });
        });
        List<Route> pages = new ArrayList<>();
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Cache-Control", "no-store");
        });
        app.beforeMatched(ctx -> authorize(ctx, users, routes, pages));
        app.exception(Exception.class, (e, ctx) -> error(ctx, e));
        Map<Route, io.javalin.http.Handler> table = new LinkedHashMap<>();
        table.put(new Route("GET", "/api/openapi.yaml", null), ctx -> ctx.contentType("application/yaml").result(openApi()));
        table.put(new Route("GET", "/api/status", Role.VIEWER), h::status);
        table.put(new Route("GET", "/api/records", Role.VIEWER), h::records);
        table.put(new Route("GET", "/api/kpis", Role.VIEWER), ctx -> ctx.json(platform.queries().kpis()));
        table.put(new Route("GET", "/api/sites", Role.VIEWER), ctx -> ctx.json(platform.queries().sites()));
        table.put(new Route("GET", "/api/sites/{siteId}", Role.VIEWER), h::site);
        table.put(new Route("POST", "/api/sites", Role.ADMIN), h::register);
        table.put(new Route("POST", "/api/sites/{siteId}/suspend", Role.OPERATOR),
                ctx -> h.status(ctx, AdminAction.StatusChange.SUSPEND));
        table.put(new Route("POST", "/api/sites/{siteId}/reinstate", Role.OPERATOR),
                ctx -> h.status(ctx, AdminAction.StatusChange.REINSTATE));
        table.put(new Route("POST", "/api/sites/{siteId}/revoke", Role.ADMIN),
                ctx -> h.status(ctx, AdminAction.StatusChange.REVOKE));
        table.put(new Route("POST", "/api/sites/{siteId}/rotate-key", Role.ADMIN), h::rotateSiteKey);
        table.put(new Route("POST", "/api/keys/rotate", Role.ADMIN), h::rotatePlatformKey);
        table.put(new Route("GET", "/api/evidence", Role.AUDITOR), h::evidence);
        table.put(new Route("GET", "/api/trace/{code}", Role.VIEWER), h::trace);
        table.put(new Route("GET", "/api/audit", Role.AUDITOR), ctx -> ctx.json(platform.audit()));
        AnalysisRoutes analysis = new AnalysisRoutes(platform);
        table.put(new Route("GET", "/api/analysis/quality", Role.VIEWER), analysis::quality);
        table.put(new Route("GET", "/api/analysis/assessment", Role.VIEWER), analysis::assessment);
        table.put(new Route("GET", "/api/analysis/integrity", Role.VIEWER), analysis::integrity);
        table.put(new Route("GET", "/api/analysis/targets", Role.VIEWER), analysis::targets);
        table.put(new Route("GET", "/api/export/csv/{table}", Role.VIEWER), analysis::csv);
        table.put(new Route("GET", "/api/export/json", Role.VIEWER), analysis::json);
        table.put(new Route("GET", "/api/export/ngsi-ld", Role.VIEWER), analysis::ngsiLd);
        table.put(new Route("GET", "/api/dashboard/config", Role.VIEWER), analysis::dashboardConfig);
        table.put(new Route("GET", "/api/whoami", Role.VIEWER), ctx -> {
            Role role = ctx.attribute(ROLE_ATTRIBUTE);
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("user", ctx.attribute(USER_ATTRIBUTE));
            me.put("role", role == null ? null : role.name());
            me.put("auditor", role != null && role.allows(Role.AUDITOR));
            ctx.json(me);
        });
        for (Map.Entry<Route, io.javalin.http.Handler> e : table.entrySet()) {
            routes.add(e.getKey());
            app.addHttpHandler(HandlerType.valueOf(e.getKey().method()), e.getKey().path(), e.getValue());
        }
        // the dashboard: an allow-list of static resources from the jar, behind the same credentials
        for (DashboardResources.Resource r : DashboardResources.all()) {
            pages.add(new Route("GET", r.path(), Role.VIEWER));
            byte[] body = r.bytes();
            app.get(r.path(), ctx -> {
                // the router ignores trailing slashes; the page's relative links need the slash
                if (ctx.path().equals("/dashboard")) {
                    ctx.redirect("/dashboard/");
                } else {
                    ctx.contentType(r.contentType()).result(body);
                }
            });
        }
        app.start();
        return new RestApi(app, routes);
    }

    private static void authorize(Context ctx, Users users, List<Route> routes, List<Route> pages) {
        Route route = java.util.stream.Stream.concat(routes.stream(), pages.stream())
                .filter(r -> r.method().equals(ctx.method().name()) && r.path().equals(ctx.endpointHandlerPath()))
                .findFirst().orElse(null);
        if (route == null || route.role() == null) {
            return;
        }
        var credentials = ctx.basicAuthCredentials();
        Optional<Role> role = credentials == null ? Optional.empty()
                : users.authenticate(credentials.getUsername(), credentials.getPassword().toCharArray());
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"bkdms\", charset=\"UTF-8\"");
            throw new io.javalin.http.UnauthorizedResponse("credentials required");
        }
        if (!role.get().allows(route.role())) {
            throw new io.javalin.http.ForbiddenResponse("role " + role.get() + " may not " + route.method() + " " + route.path());
        }
        ctx.attribute(ROLE_ATTRIBUTE, role.get());
        ctx.attribute(USER_ATTRIBUTE, credentials.getUsername());
    }

    private static void error(Context ctx, Exception e) {
        int status;
        String reason;
        if (e instanceof io.javalin.http.HttpResponseException h) {
            status = h.getStatus();
            reason = status == 401 ? "UNAUTHORIZED" : status == 403 ? "FORBIDDEN" : "HTTP_" + status;
        } else if (e instanceof PlatformException p) {
            status = switch (p.kind()) {
                case NOT_FOUND -> 404;
                case INVALID_REQUEST, INVALID_CONFIG -> 400;
                case REJECTED -> 409;
                case UNAVAILABLE -> 503;
            };
            reason = p.reasonCode();
        } else if (e instanceof LedgerUnavailableException || e instanceof SQLException) {
            status = 503;
            reason = "UNAVAILABLE";
        } else if (e instanceof BkdmsException b) {
            status = 400;
            reason = b.reasonCode();
        } else if (e instanceof IllegalArgumentException || e instanceof DateTimeParseException
                || e instanceof com.fasterxml.jackson.core.JacksonException) {
            status = 400;
            reason = "INVALID_REQUEST";
        } else {
            status = 500;
            reason = "INTERNAL_ERROR";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason);
        body.put("message", status == 500 ? "internal error" : String.valueOf(e.getMessage()));
        ctx.status(status).json(body);
    }

    /**
     * @return the OpenAPI document
     * @throws IOException if the resource cannot be read
     */
    public static String openApi() throws IOException {
        try (InputStream in = RestApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            return new String(Objects.requireNonNull(in, "openapi.yaml missing").readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** @return the routes served */
    public List<Route> routes() {
        return routes;
    }

    /** @return the port it listens on */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The route handlers, which only translate between HTTP and the services. */
    private static final class Handlers {
        private final SmartCityPlatform platform;
        private final CryptoSuites suites;

        Handlers(SmartCityPlatform platform, CryptoSuites suites) {
            this.platform = platform;
            this.suites = suites;
        }

        void status(Context ctx) throws SQLException {
            Map<String, Object> out = new LinkedHashMap<>();
            List<ChainFollower.Status> chains = new ArrayList<>();
            platform.followers().values().forEach(f -> chains.add(f.status()));
            out.put("chains", chains.stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("chainId", s.chainId());
                m.put("verifiedHeight", s.verifiedHeight());
                m.put("storedHeight", s.storedHeight());
                m.put("running", s.running());
                m.put("halted", s.halted().orElse(null));
                m.put("lastError", s.lastError().orElse(null));
                return m;
            }).toList());
            out.put("evidenceByReason", platform.store().evidenceCounts());
            out.put("storedRecords", platform.store().count("kpi_storage"));
            ctx.json(out);
        }

        void records(Context ctx) throws SQLException {
            ctx.json(platform.queries().observations(new QueryService.ObservationQuery(ctx.queryParam("chain"),
                    ctx.queryParam("site") == null ? null : SiteId.parse(ctx.queryParam("site")).toString(),
                    ctx.queryParam("kpi"), ctx.queryParam("city"), instant(ctx.queryParam("from")), instant(ctx.queryParam("to")),
                    intParam(ctx, "limit", 1000), intParam(ctx, "offset", 0))));
        }

        void site(Context ctx) throws SQLException {
            SiteId site = SiteId.parse(ctx.pathParam("siteId"));
            var versions = platform.store().siteVersions(null, site);
            if (versions.isEmpty()) {
                throw new PlatformException(PlatformException.Kind.NOT_FOUND, "site " + site + " is not registered");
            }
            ctx.json(Map.of("siteId", site.toString(), "history", versions));
        }

        void register(Context ctx) {
            Map<?, ?> body = ctx.bodyAsClass(Map.class);
            SiteId site = SiteId.parse(text(body, "siteId"));
            SubmitResult r = permissions(body).registerSite(site, text(body, "name"), signingKey(text(body, "signingKey")));
            ctx.status(201).json(result(r));
        }

        void status(Context ctx, AdminAction.StatusChange change) {
            Map<?, ?> body = ctx.body().isBlank() ? Map.of() : ctx.bodyAsClass(Map.class);
            SiteId site = SiteId.parse(ctx.pathParam("siteId"));
            Object reason = body.get("reason");
            ctx.json(result(permissions(body).changeStatus(change, site, reason == null ? "" : reason.toString())));
        }

        void rotateSiteKey(Context ctx) {
            Map<?, ?> body = ctx.bodyAsClass(Map.class);
            SiteId site = SiteId.parse(ctx.pathParam("siteId"));
            ctx.json(result(permissions(body).rotateSiteKey(site, signingKey(text(body, "signingKey")))));
        }

        void rotatePlatformKey(Context ctx) throws IOException, GeneralSecurityException {
            Map<?, ?> body = ctx.body().isBlank() ? Map.of() : ctx.bodyAsClass(Map.class);
            SuitePublicKey key = permissions(body).rotatePlatformKey();
            ctx.json(Map.of("keyId", key.keyId().toString(), "suite", key.suite().name()));
        }

        void evidence(Context ctx) throws SQLException {
            ctx.json(Map.of("byReason", platform.store().evidenceCounts(),
                    "latest", platform.queries().evidence(intParam(ctx, "limit", 100))));
        }

        void trace(Context ctx) throws SQLException {
            Role role = ctx.attribute(ROLE_ATTRIBUTE);
            ctx.json(platform.trace().trace(ctx.pathParam("code"), role != null && role.allows(Role.AUDITOR)));
        }

        private org.bkdms.platform.permission.PermissionService permissions(Map<?, ?> body) {
            Object chain = body.get("chainId");
            return chain == null ? platform.permissions() : platform.permissions(chain.toString());
        }

        private SuitePublicKey signingKey(String base64) {
            byte[] spki;
            try {
                spki = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new PlatformException(PlatformException.Kind.INVALID_REQUEST, "signingKey must be base64 DER "
                        + "SubjectPublicKeyInfo", e);
            }
            return suites.suiteOfKey(spki).publicKey(KeyPurpose.SIGNING, spki);
        }

        private static Map<String, Object> result(SubmitResult r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("txId", r.id().toString());
            m.put("status", r.status().name());
            m.put("height", r.height());
            return m;
        }

        private static String text(Map<?, ?> body, String field) {
            Object v = body.get(field);
            if (!(v instanceof String s) || s.isBlank()) {
                throw new PlatformException(PlatformException.Kind.INVALID_REQUEST, "field '" + field + "' is required");
            }
            return s;
        }

        private static Instant instant(String text) {
            return text == null ? null : Instant.parse(text);
        }

        private static int intParam(Context ctx, String name, int dflt) {
            String v = ctx.queryParam(name);
            try {
                return v == null ? dflt : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new PlatformException(PlatformException.Kind.INVALID_REQUEST, name + " must be an integer");
            }
        }
    }
}
