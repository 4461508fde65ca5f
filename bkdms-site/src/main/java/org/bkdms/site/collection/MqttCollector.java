package org.bkdms.site.collection;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;
import org.bkdms.site.storage.SiteStore;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Collects sensor readings from MQTT topics (Y.4907 clause 8.1). Each message is a flat JSON
 * object whose members become the row's fields, plus {@code topic}. The client keeps a persistent
 * session and receives at QoS 1 with manual acknowledgement: a message is acknowledged to the
 * broker only after the batch holding it was committed, so a site that dies before committing gets
 * it again. A message redelivered after its batch was committed (the site died between commit
 * and acknowledgement) is recognised by its content hash, kept in the store, and skipped; so is a
 * second message with the same topic and content (readings carry their time, so it is a repeat).
 * Malformed messages are quarantined, not dropped.
 */
public final class MqttCollector implements Collector, MqttCallback {
    private static final Logger LOG = Logger.getLogger(MqttCollector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String brokerUrl;
    private final String clientId;
    private final List<String> topics;
    private final int batchMax;
    private final ConcurrentLinkedQueue<Received> inbox = new ConcurrentLinkedQueue<>();
    private MqttClient client;

    private record Received(String topic, int id, int qos, byte[] payload) {
    }

    /**
     * @param name the collector's name
     * @param brokerUrl the broker, such as {@code ssl://broker.city.example:8883} or {@code tcp://127.0.0.1:1883}
     * @param clientId this site's client id at the broker (the persistent session is keyed on it)
     * @param topics topic filters to subscribe to
     * @param batchMax most messages per batch
     */
    public MqttCollector(String name, String brokerUrl, String clientId, List<String> topics, int batchMax) {
        this.name = Objects.requireNonNull(name, "name");
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.topics = List.copyOf(topics);
        if (this.topics.isEmpty() || batchMax < 1) {
            throw new IllegalArgumentException("need at least one topic and a positive batch size");
        }
        this.batchMax = batchMax;
    }

    @Override
    public String name() {
        return name;
    }

    private void connect() throws IOException {
        if (client != null && client.isConnected()) {
            return;
        }
        try {
            if (client == null) {
                client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
                client.setCallback(this);
                client.setManualAcks(true);
            }
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(false);
            o.setAutomaticReconnect(false);
            client.connect(o);
            int[] qos = new int[topics.size()];
            java.util.Arrays.fill(qos, 1);
            client.subscribe(topics.toArray(String[]::new), qos);
            LOG.info(() -> name + ": connected to " + brokerUrl + ", topics " + topics);
        } catch (MqttException e) {
            throw new IOException(name + ": cannot connect to " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Batch> poll(SiteStore store) throws IOException {
        connect();
        List<Received> taken = new ArrayList<>();
        Received r;
        while (taken.size() < batchMax && (r = inbox.poll()) != null) {
            taken.add(r);
        }
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        List<SourceRow> rows = new ArrayList<>();
        List<Batch.Unreadable> bad = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (Received m : taken) {
            String hash = hash(m);
            String ref = "mqtt:" + m.topic() + "#" + hash.substring(0, 16);
            if (hashes.contains(hash) || store.inTransaction(u -> u.checkpoint(name, "msg:" + hash)).isPresent()) {
                continue;
            }
            hashes.add(hash);
            String text = new String(m.payload(), StandardCharsets.UTF_8);
            try {
                JsonNode n = JSON.readTree(m.payload());
                if (n == null || !n.isObject()) {
                    bad.add(new Batch.Unreadable(ref, text, "MALFORMED_MESSAGE", "the message is not a JSON object"));
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("topic", m.topic());
                for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext();) {
                    Map.Entry<String, JsonNode> f = it.next();
                    fields.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                }
                rows.add(new SourceRow(name, ref, fields));
            } catch (JacksonException e) {
                bad.add(new Batch.Unreadable(ref, text, "MALFORMED_MESSAGE", "not JSON: "
                        + e.getOriginalMessage().lines().findFirst().orElse("")));
            }
        }
        // one checkpoint per message, so a redelivery after the commit is skipped
        Map<String, String> seen = new LinkedHashMap<>();
        for (String h : hashes) {
            seen.put("msg:" + h, "taken");
        }
        return Optional.of(new Batch(name, rows, bad, seen, () -> acknowledge(taken)));
    }

    private void acknowledge(List<Received> taken) {
        for (Received m : taken) {
            try {
                client.messageArrivedComplete(m.id(), m.qos());
            } catch (MqttException e) {
                // unacknowledged: the broker redelivers it and the content hash makes it a no-op
                LOG.warning(name + ": cannot acknowledge a message: " + e.getMessage());
            }
        }
    }

    private static String hash(Received m) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(m.topic().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(m.payload());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.warning(name + ": connection to " + brokerUrl + " lost (" + cause + "); reconnecting at the next poll");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        inbox.add(new Received(topic, message.getId(), message.getQos(), message.getPayload()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // this collector only subscribes
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            } catch (MqttException e) {
                LOG.warning(name + ": closing the MQTT client: " + e.getMessage());
            }
        }
    }
}
