package org.bkdms.site.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.site.storage.SiteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS push collector with real mutual TLS 1.3 clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpPushCollectorTest {
    @TempDir
    Path dir;
    private CertificateAuthority ca;
    private HttpPushCollector collector;
    private SiteStore store;
    private int port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Batch> committed = new CopyOnWriteArrayList<>();
    private Thread site;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.create("test CA", Duration.ofDays(1));
        var server = ca.issue("site", "site", SiteId.parse("127.0.0.1"), List.of(), List.of(), Duration.ofDays(1));
        collector = new HttpPushCollector("push", new InetSocketAddress("127.0.0.1", 0),
                TlsCredentials.of(server.privateKey(), server.chain(), List.of(ca.certificate())), 64 * 1024);
        store = SiteStore.open(dir.resolve("store"));
        port = collector.start();
        // the site's collection loop: commit every batch, then let the collector answer
        site = new Thread(() -> {
            while (running.get()) {
                try {
                    var b = collector.poll(store);
                    if (b.isPresent()) {
                        committed.add(b.get());
                        b.get().afterCommit().run();
                    } else {
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        site.start();
    }

    @AfterEach
    void stop() throws Exception {
        running.set(false);
        site.join(5000);
        collector.close();
        store.close();
    }

    private HttpClient client(boolean withCertificate) throws Exception {
        KeyManagerFactory kmf = null;
        if (withCertificate) {
            var sensor = ca.issue("sensor 7", "auditor", null, List.of(), List.of(), Duration.ofDays(1));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("k", sensor.privateKey(), new char[0], sensor.chain().toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> post(HttpClient c, String body) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/readings"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readingsAreAnsweredAfterTheyWereCommitted() throws Exception {
        HttpResponse<String> r = post(client(true), "[{\"time\":\"2025-01-01T10:00:00Z\",\"pm10\":12.5},"
                + "{\"time\":\"2025-01-01T11:00:00Z\",\"pm10\":13}]");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"accepted\":2");
        List<SourceRow> rows = committed.stream().flatMap(b -> b.rows().stream()).toList();
        assertThat(rows).extracting(x -> x.field("pm10")).containsExactly("12.5", "13");
        assertThat(rows.get(0).reference()).startsWith("http:sensor_7#");
    }

    @Test
    void aBodyThatIsNotJsonObjectsIsQuarantinedAndAnswered422() throws Exception {
        assertThat(post(client(true), "this is not json").statusCode()).isEqualTo(422);
        assertThat(post(client(true), "[1, 2]").statusCode()).isEqualTo(422);
        assertThat(committed.stream().flatMap(b -> b.unreadable().stream())).hasSize(3)
                .allSatisfy(u -> assertThat(u.reasonCode()).isEqualTo("MALFORMED_MESSAGE"));
    }

    @Test
    void aSenderWithoutACertificateOfTheCaIsRefusedAtTheHandshake() throws Exception {
        HttpClient anonymous = client(false);
        assertThatThrownBy(() -> post(anonymous, "{}")).isInstanceOf(java.io.IOException.class);
        assertThat(committed).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String big = "{\"x\":\"" + "a".repeat(70 * 1024) + "\"}";
        assertThat(post(client(true), big).statusCode()).isEqualTo(413);
    }
}
