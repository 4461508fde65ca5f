package org.bkdms.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.PlatformFixture;
import org.bkdms.platform.SmartCityPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over real HTTPS, against a platform that follows a real node. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestApiTest {
    @TempDir
    java.nio.file.Path dir;

    private PlatformFixture fx;
    private SmartCityPlatform platform;
    private HttpClient http;
    private int port;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        fx = new PlatformFixture(dir);
        fx.startNode();
        java.nio.file.Path users = dir.resolve("users.yaml");
        Users.put(users, "ada", Role.ADMIN, "ada-password".toCharArray());
        Users.put(users, "ola", Role.OPERATOR, "ola-password".toCharArray());
        Users.put(users, "aud", Role.AUDITOR, "aud-password".toCharArray());
        Users.put(users, "vic", Role.VIEWER, "vic-password".toCharArray());
        platform = fx.startPlatform(fx.database(PlatformFixture.Db.H2), new PlatformConfig.Api("127.0.0.1:0", null, users));
        port = platform.apiPort().orElseThrow();
        http = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        fx.close();
    }

    private SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", fx.ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            String pw = user + "-password";
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRouteIsDocumentedInTheOpenApiFileAndEveryDocumentedOperationIsServed() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(call("GET", "/api/openapi.yaml", null, null).body());
        Set<String> documented = new HashSet<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext();) {
            String path = paths.next();
            for (Iterator<String> methods = doc.get("paths").get(path).fieldNames(); methods.hasNext();) {
                documented.add(methods.next().toUpperCase() + " " + path);
            }
        }
        Set<String> served = new HashSet<>();
        for (RestApi.Route r : platform.apiRoutes()) {
            served.add(r.method() + " " + r.path());
            JsonNode op = doc.get("paths").get(r.path()).get(r.method().toLowerCase());
            String role = r.role() == null ? null : r.role().name().toLowerCase();
            assertThat(op.has("x-bkdms-role") ? op.get("x-bkdms-role").asText() : null).as(r.toString()).isEqualTo(role);
        }
        assertThat(served).isEqualTo(documented);
    }

    @Test
    void noAnonymousOrUnderprivilegedRequestGetsThroughAndWrongPasswordsAreRefused() throws Exception {
        assertThat(call("GET", "/api/records", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/sites/10.20.0.7/suspend", null, "{}").statusCode()).isEqualTo(401);
        HttpRequest wrong = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/sites"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ada:nope".getBytes(StandardCharsets.UTF_8)))
                .build();
        assertThat(http.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/sites/10.20.0.7/suspend", "vic", "{}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/sites/10.20.0.7/revoke", "ola", "{}").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/audit", "vic", null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/sites", "vic", null).statusCode()).isEqualTo(200);
    }

    @Test
    void servesHttpsWithTls13OnlyAndNoPlainHttp() throws Exception {
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        HttpClient old = HttpClient.newBuilder().sslContext(trusting()).sslParameters(tls12).build();
        assertThatThrownBy(() -> old.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/openapi.yaml"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/openapi.yaml"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(call("GET", "/api/openapi.yaml", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void sitesAreManagedRecordsListedAndTracedAndAuditedOverTheApi() throws Exception {
        SuitePrivateKey cKey = fx.suite.generate(KeyPurpose.SIGNING);
        String register = "{\"siteId\":\"192.0.2.9\",\"name\":\"Oslo noise\",\"signingKey\":\""
                + Base64.getEncoder().encodeToString(cKey.publicKey().subjectPublicKeyInfo()) + "\"}";
        HttpResponse<String> created = call("POST", "/api/sites", "ada", register);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(call("POST", "/api/sites", "ada", register).statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/sites/192.0.2.9/suspend", "ola", "{\"reason\":\"maintenance\"}").statusCode())
                .isEqualTo(200);
        assertThat(call("POST", "/api/sites", "ada", "{\"siteId\":\"not-an-ip\"}").statusCode()).isEqualTo(400);

        SubmitResult committed;
        try (LedgerClient a = fx.siteClient(fx.siteA)) {
            committed = fx.submit(a, fx.siteA, 1);
        }
        long head = fx.node().status().height();
        assertThat(platform.followers().get(PlatformFixture.CHAIN_ID).awaitStored(head, Duration.ofSeconds(30))).isTrue();

        JsonNode records = json.readTree(call("GET", "/api/records?site=10.20.0.7&kpi=EN:%20EN:%20AQ:%201C", "vic", null).body());
        assertThat(records).hasSize(2);
        String code = records.get(0).get("tracingCode").asText();
        JsonNode sites = json.readTree(call("GET", "/api/sites/192.0.2.9", "vic", null).body());
        assertThat(sites.get("history")).hasSize(2);
        assertThat(sites.get("history").get(1).get("status").asText()).isEqualTo("SUSPENDED");

        JsonNode asViewer = json.readTree(call("GET", "/api/trace/" + code, "vic", null).body());
        assertThat(asViewer.get("consistent").asBoolean()).isTrue();
        assertThat(asViewer.get("proof").get("verified").asBoolean()).isTrue();
        assertThat(asViewer.get("height").asLong()).isEqualTo(committed.height());
        assertThat(asViewer.get("record").isNull()).isTrue();
        JsonNode asAuditor = json.readTree(call("GET", "/api/trace/" + code, "aud", null).body());
        assertThat(asAuditor.get("record").get("values").get("pm_10").asText()).isEqualTo("14.1");
        assertThat(call("GET", "/api/trace/zz", "vic", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/trace/" + "01".repeat(53), "vic", null).statusCode()).isEqualTo(404);

        JsonNode audit = json.readTree(call("GET", "/api/audit", "aud", null).body());
        assertThat(audit.get("inconsistencies")).isEmpty();
        assertThat(json.readTree(call("GET", "/api/status", "vic", null).body()).get("storedRecords").asLong()).isEqualTo(1);
        assertThat(call("GET", "/api/evidence", "aud", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/kpis", "vic", null).statusCode()).isEqualTo(200);
    }

    @Test
    void analysisExportAndDashboardRoutesServeTheStoredDataWithClearErrorsForBadParameters() throws Exception {
        org.bkdms.platform.AnalysisData data = org.bkdms.platform.AnalysisData.seed(fx, platform);
        String window = "?from=" + data.from() + "&to=" + data.to() + "&granularity=day";
        HttpResponse<String> quality = call("GET", "/api/analysis/quality" + window, "vic", null);
        assertThat(quality.statusCode()).as(quality.body()).isEqualTo(200);
        assertThat(json.readTree(quality.body()).get("sites")).hasSize(2);
        JsonNode assessment = json.readTree(call("GET", "/api/analysis/assessment" + window + "&city=NOTRD", "vic", null).body());
        assertThat(assessment.get("values")).isNotEmpty();
        assessment.get("values").forEach(v -> assertThat(v.get("city").asText()).isEqualTo("UNLOCODE:NOTRD"));
        JsonNode integrity = json.readTree(call("GET", "/api/analysis/integrity", "vic", null).body());
        assertThat(integrity.get("platform").get("rejectionsByReason").get("REPLAY").asLong()).isEqualTo(1);
        assertThat(json.readTree(call("GET", "/api/analysis/targets" + window, "vic", null).body()).has("scores")).isTrue();

        HttpResponse<String> csv = call("GET", "/api/export/csv/siteQuality" + window, "vic", null);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(3);
        HttpResponse<String> ngsi = call("GET", "/api/export/ngsi-ld" + window, "vic", null);
        assertThat(ngsi.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");
        assertThat(json.readTree(ngsi.body()).get(0).get("type").asText()).isEqualTo("KeyPerformanceIndicator");
        assertThat(json.readTree(call("GET", "/api/export/json" + window, "vic", null).body()).has("assessment")).isTrue();

        for (String bad : new String[] {"/api/analysis/quality?granularity=fortnight", "/api/analysis/quality?kpi=nope",
            "/api/analysis/assessment?from=yesterday", "/api/analysis/quality?from=2026-02-01&to=2026-01-01",
            "/api/analysis/quality?cty=NOTRD", "/api/export/json?city=%3Cscript%3E", "/api/analysis/integrity?x=1"}) {
            HttpResponse<String> r = call("GET", bad, "vic", null);
            assertThat(r.statusCode()).as(bad + " " + r.body()).isEqualTo(400);
            assertThat(json.readTree(r.body()).get("error").asText()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(call("GET", "/api/export/csv/secrets", "vic", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/analysis/quality", null, null).statusCode()).isEqualTo(401);

        JsonNode me = json.readTree(call("GET", "/api/whoami", "aud", null).body());
        assertThat(me.get("user").asText()).isEqualTo("aud");
        assertThat(me.get("role").asText()).isEqualTo("AUDITOR");
        assertThat(me.get("auditor").asBoolean()).isTrue();
        assertThat(json.readTree(call("GET", "/api/whoami", "vic", null).body()).get("auditor").asBoolean()).isFalse();
        JsonNode config = json.readTree(call("GET", "/api/dashboard/config", "vic", null).body());
        assertThat(config.get("sites")).hasSize(2);
        assertThat(config.get("cities").get("UNLOCODE:CNHGH").asText()).isEqualTo("UNLOCODE:CNHGH");
        assertThat(config.get("refreshSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void theDashboardIsAnAllowListOfStaticFilesBehindTheSameCredentialsWithAStrictContentSecurityPolicy() throws Exception {
        assertThat(call("GET", "/dashboard/", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = call("GET", "/dashboard/", "vic", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\">").doesNotContain("<script>")
                .doesNotContain("http://").doesNotContain("https://");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        HttpResponse<String> chart = call("GET", "/dashboard/vendor/chart.umd.min.js", "vic", null);
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart");
        assertThat(call("GET", "/dashboard/app.js", "vic", null).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
        for (String notServed : new String[] {"/dashboard/../api/openapi.yaml", "/dashboard/index.html",
            "/dashboard/vendor/chart.js", "/org/bkdms/platform/dashboard/app.js", "/META-INF/MANIFEST.MF",
            "/dashboard/%2e%2e/%2e%2e/etc/passwd"}) {
            assertThat(call("GET", notServed, "vic", null).statusCode()).as(notServed).isIn(400, 404);
        }
    }
}
