package org.bkdms.site.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.config.IConfig;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bkdms.site.storage.SiteStore;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT collector against a real broker (Moquette) running in this JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MqttCollectorTest {
    @TempDir
    Path dir;
    private Server broker;
    private String url;
    private SiteStore store;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dir.resolve("broker").toString());
        broker = new Server();
        broker.startServer(new MemoryConfig(p));
        url = "tcp://127.0.0.1:" + port;
        store = SiteStore.open(dir.resolve("store"));
    }

    @AfterEach
    void stop() {
        store.close();
        broker.stopServer();
    }

    private void publish(String topic, String payload) throws Exception {
        try (MqttClient sensor = new MqttClient(url, "sensor-" + System.nanoTime(), new MemoryPersistence())) {
            sensor.connect();
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            sensor.publish(topic, m);
            sensor.disconnect();
        }
    }

    private List<Batch> pollUntil(MqttCollector c, int rows) throws Exception {
        List<Batch> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int n = 0;
        while (n < rows && System.nanoTime() < deadline) {
            var b = c.poll(store);
            if (b.isPresent()) {
                got.add(b.get());
                n += b.get().rows().size() + b.get().unreadable().size();
            } else {
                Thread.sleep(20);
            }
        }
        return got;
    }

    private void commit(Batch b) {
        store.inTransaction(u -> {
            for (Map.Entry<String, String> e : b.checkpoints().entrySet()) {
                u.setCheckpoint(b.source(), e.getKey(), e.getValue());
            }
            return null;
        });
        b.afterCommit().run();
    }

    @Test
    void readingsBecomeRowsAndMalformedMessagesAreKeptAsUnreadable() throws Exception {
        try (MqttCollector c = new MqttCollector("aq", url, "site-a", List.of("city/aq/#"), 100)) {
            assertThat(c.poll(store)).isEmpty(); // connects and subscribes
            publish("city/aq/elgeseter", "{\"time\":\"2025-01-01T10:00:00Z\",\"station\":\"elgeseter\",\"pm10\":12.5}");
            publish("city/aq/elgeseter", "not json");
            List<Batch> batches = pollUntil(c, 2);
            List<SourceRow> rows = batches.stream().flatMap(b -> b.rows().stream()).toList();
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.field("pm10")).isEqualTo("12.5");
                assertThat(r.field("topic")).isEqualTo("city/aq/elgeseter");
                assertThat(r.reference()).startsWith("mqtt:city/aq/elgeseter#");
            });
            assertThat(batches.stream().flatMap(b -> b.unreadable().stream()))
                    .singleElement().satisfies(u -> assertThat(u.reasonCode()).isEqualTo("MALFORMED_MESSAGE"));
            batches.forEach(this::commit);
        }
    }

    @Test
    void anUncommittedMessageIsDeliveredAgainToTheRestartedSiteAndACommittedOneIsNot() throws Exception {
        try (MqttCollector c = new MqttCollector("aq", url, "site-a", List.of("city/aq/#"), 100)) {
            c.poll(store);
            publish("city/aq/x", "{\"time\":\"2025-01-01T10:00:00Z\",\"pm10\":1}");
            List<Batch> first = pollUntil(c, 1);
            first.forEach(this::commit);
            publish("city/aq/x", "{\"time\":\"2025-01-01T11:00:00Z\",\"pm10\":2}");
            assertThat(pollUntil(c, 1)).hasSize(1); // read, but the site dies before committing
        }
        try (MqttCollector again = new MqttCollector("aq", url, "site-a", List.of("city/aq/#"), 100)) {
            List<Batch> redelivered = pollUntil(again, 1);
            assertThat(redelivered.stream().flatMap(b -> b.rows().stream())).extracting(r -> r.field("pm10"))
                    .containsExactly("2");
            redelivered.forEach(this::commit);
        }
    }
}
