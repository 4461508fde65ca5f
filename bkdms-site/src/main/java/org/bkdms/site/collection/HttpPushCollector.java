package org.bkdms.site.collection;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.site.storage.SiteStore;

/**
 * Collects readings pushed over HTTPS (Y.4907 clause 8.1): {@code POST /readings} with a JSON
 * object, or an array of objects, whose members become a row's fields. TLS 1.3 with mutual
 * authentication: the sender must present a certificate issued by the trusted CA; its subject
 * becomes part of each row's reference.
 *
 * <p>The answer is sent only after the site committed the rows: {@code 202} with the number of
 * rows taken in, {@code 422} if the body was not JSON objects (it is quarantined), {@code 413} for
 * a body over the size limit, {@code 503} with {@code Retry-After} if the site did not commit in
 * time (the sender should send again; nothing of an unanswered request is lost, but a request
 * answered 503 may have been committed after all).
 */
public final class HttpPushCollector implements Collector {
    private static final Logger LOG = Logger.getLogger(HttpPushCollector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COMMIT_WAIT_SECONDS = 30;

    private final String name;
    private final InetSocketAddress address;
    private final SSLContext tls;
    private final int maxBodyOctets;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private HttpsServer server;
    private ExecutorService executor;

    private record Pending(List<SourceRow> rows, List<Batch.Unreadable> unreadable, CompletableFuture<Void> committed) {
    }

    /**
     * @param name the collector's name
     * @param address where to listen
     * @param credentials the server's key and certificate, and the CA whose certificates senders present
     * @param maxBodyOctets largest request body accepted
     * @throws GeneralSecurityException if the credentials cannot make a TLS context
     */
    public HttpPushCollector(String name, InetSocketAddress address, TlsCredentials credentials, int maxBodyOctets)
            throws GeneralSecurityException {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.tls = context(credentials);
        this.maxBodyOctets = maxBodyOctets;
    }

    private static SSLContext context(TlsCredentials c) throws GeneralSecurityException {
        try {
            char[] noPassword = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("tls", c.privateKey(), noPassword, c.certificateChain().toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, noPassword);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate t : c.trustedCertificates()) {
                trust.setCertificateEntry("ca-" + i++, t);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Starts listening, if not yet started.
     *
     * @return the port listened on
     * @throws IOException if the address cannot be bound
     */
    public synchronized int start() throws IOException {
        if (server == null) {
            HttpsServer s = HttpsServer.create(address, 64);
            s.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = tls.getDefaultSSLParameters();
                    p.setProtocols(new String[] {"TLSv1.3"});
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            s.createContext("/readings", this::handle);
            executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "site-http-" + name);
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.start();
            server = s;
            LOG.info(() -> name + ": listening on https://" + address.getHostString() + ":" + s.getAddress().getPort()
                    + "/readings (mutual TLS 1.3)");
        }
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                reply(ex, 405, "{\"error\":\"use POST\"}");
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(maxBodyOctets + 1);
            }
            if (body.length > maxBodyOctets) {
                reply(ex, 413, "{\"error\":\"body over " + maxBodyOctets + " octets\"}");
                return;
            }
            String sender = sender(ex);
            String ref = "http:" + sender + "#" + requests.incrementAndGet();
            List<SourceRow> rows = new ArrayList<>();
            List<Batch.Unreadable> bad = new ArrayList<>();
            String text = new String(body, StandardCharsets.UTF_8);
            try {
                JsonNode n = JSON.readTree(body);
                List<JsonNode> objects = new ArrayList<>();
                if (n != null && n.isArray()) {
                    n.forEach(objects::add);
                } else if (n != null) {
                    objects.add(n);
                }
                int i = 0;
                for (JsonNode o : objects) {
                    i++;
                    if (!o.isObject()) {
                        bad.add(new Batch.Unreadable(ref + "/" + i, o.toString(), "MALFORMED_MESSAGE", "not a JSON object"));
                        continue;
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext();) {
                        Map.Entry<String, JsonNode> f = it.next();
                        fields.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                    }
                    rows.add(new SourceRow(name, ref + "/" + i, fields));
                }
                if (objects.isEmpty()) {
                    bad.add(new Batch.Unreadable(ref, text, "MALFORMED_MESSAGE", "empty body"));
                }
            } catch (JacksonException e) {
                bad.add(new Batch.Unreadable(ref, text.length() > 1024 ? text.substring(0, 1024) : text, "MALFORMED_MESSAGE",
                        "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")));
            }
            Pending p = new Pending(rows, bad, new CompletableFuture<>());
            queue.add(p);
            try {
                p.committed().get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                ex.getResponseHeaders().add("Retry-After", "10");
                reply(ex, 503, "{\"error\":\"not committed in time; send again\"}");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(ex, 503, "{\"error\":\"shutting down\"}");
                return;
            }
            if (rows.isEmpty()) {
                reply(ex, 422, "{\"error\":\"no JSON object in the body; quarantined as " + ref + "\"}");
            } else {
                reply(ex, 202, "{\"accepted\":" + rows.size() + ",\"quarantined\":" + bad.size() + ",\"reference\":\"" + ref
                        + "\"}");
            }
        }
    }

    private static String sender(HttpExchange ex) {
        try {
            SSLSession s = ((com.sun.net.httpserver.HttpsExchange) ex).getSSLSession();
            String dn = ((X509Certificate) s.getPeerCertificates()[0]).getSubjectX500Principal().getName();
            for (String part : dn.split(",")) {
                if (part.startsWith("CN=")) {
                    return part.substring(3).replace(' ', '_');
                }
            }
            return dn;
        } catch (javax.net.ssl.SSLPeerUnverifiedException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public Optional<Batch> poll(SiteStore store) throws IOException {
        start();
        List<Pending> taken = new ArrayList<>();
        Pending p;
        while (taken.size() < 256 && (p = queue.poll()) != null) {
            taken.add(p);
        }
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        List<SourceRow> rows = new ArrayList<>();
        List<Batch.Unreadable> bad = new ArrayList<>();
        for (Pending t : taken) {
            rows.addAll(t.rows());
            bad.addAll(t.unreadable());
        }
        return Optional.of(new Batch(name, rows, bad, Map.of(), () -> taken.forEach(t -> t.committed().complete(null))));
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(1);
            executor.shutdownNow();
            server = null;
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.committed().completeExceptionally(new IOException("the site is stopping"));
        }
    }
}
