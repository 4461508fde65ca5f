package org.bkdms.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.SiteId;

/**
 * The configuration of a sampling site ({@code bkdms site run --config site.yaml}), as read from
 * YAML. Relative paths are resolved against the file's directory by {@link #read(Path)}; see
 * {@code docs/SITE.md} for every field.
 *
 * @param siteId the Site ID (IPv4 or IPv6 literal), as in the site's certificate and on chain
 * @param countryRegion ISO 3166-1 numeric or alpha-2 country or region
 * @param city the city code and its scheme
 * @param dataDir where the site store lives
 * @param keystore PKCS#12 keystore with the entries {@code site-signing} and {@code tls}
 * @param trustedCa PEM file of the CA that issued the ledger node's certificate
 * @param ledger the ledger node as {@code host:port}
 * @param ledgerAuthority name to check the node's certificate against, if not the host
 * @param mapping the KPI mapping file
 * @param pollMillis how often collectors are polled when idle; default 1000
 * @param closeAfterSeconds how long after its end a consolidation period is closed; default 3600
 * @param backoff upload retry waits
 * @param upload how the outbox is uploaded
 * @param keyRefreshSeconds how often the platform key directory on chain is read again, to follow
 *     key rotations; default 300
 * @param sources the collectors
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SiteConfig(String siteId, String countryRegion, CityConfig city, Path dataDir, Path keystore, Path trustedCa,
        String ledger, String ledgerAuthority, Path mapping, Long pollMillis, Long closeAfterSeconds, BackoffConfig backoff,
        UploadConfig upload, Long keyRefreshSeconds, List<SourceConfig> sources) {

    /** Default {@link UploadConfig#window()}. */
    public static final int DEFAULT_UPLOAD_WINDOW = 32;

    /**
     * A city code.
     *
     * @param scheme the coding scheme label, such as {@code UNLOCODE}
     * @param code the code
     */
    public record CityConfig(String scheme, String code) {
    }

    /**
     * Upload retry waits.
     *
     * @param initialMillis the first wait; default 200
     * @param maxMillis the longest wait; default 30000
     */
    public record BackoffConfig(Long initialMillis, Long maxMillis) {
    }

    /**
     * How the outbox is uploaded.
     *
     * @param window most submissions in flight at once (sent, not yet answered); default
     *     {@value SiteConfig#DEFAULT_UPLOAD_WINDOW}. Used only on chains whose contracts check the
     *     contiguous sequence rule; on others the site sends one at a time.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UploadConfig(Integer window) {
    }

    /**
     * One collector. {@code type} selects which other fields apply.
     *
     * @param name unique name, used in checkpoints and the quarantine
     * @param type {@code folder} (CSV and xlsx files), {@code jdbc}, {@code mqtt} or {@code http}
     * @param dir folder: where files are dropped
     * @param doneDir folder: where finished files go; default {@code dir/done}
     * @param chunkRows folder: most rows per committed batch; default 5000
     * @param url jdbc: the JDBC URL; mqtt: the broker ({@code ssl://host:8883})
     * @param user jdbc: the database user
     * @param passwordEnv jdbc: environment variable holding the password
     * @param query jdbc: a SELECT with one {@code ?} for the watermark, ordered by the watermark column
     * @param watermarkColumn jdbc: the column that grows with every new row
     * @param initialWatermark jdbc: the watermark to start after
     * @param batchRows jdbc and mqtt: most rows per committed batch; default 1000
     * @param clientId mqtt: this site's client id at the broker
     * @param topics mqtt: topic filters to subscribe to
     * @param listen http: {@code host:port} to serve {@code POST /readings} on (mutual TLS 1.3 with the
     *     site's {@code tls} key; senders present certificates of {@code trustedCa})
     * @param maxBodyOctets http: largest request body; default 1 MiB
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SourceConfig(String name, String type, Path dir, Path doneDir, Integer chunkRows, String url, String user,
            String passwordEnv, String query, String watermarkColumn, String initialWatermark, Integer batchRows,
            String clientId, List<String> topics, String listen, Integer maxBodyOctets) {
    }

    /**
     * Reads a configuration file, checks it and resolves relative paths.
     *
     * @param file the YAML file
     * @return the configuration
     * @throws IOException if the file cannot be read
     * @throws SiteConfigException if it is not valid
     */
    public static SiteConfig read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        SiteConfig c;
        try {
            c = yaml.readValue(Files.readString(file), SiteConfig.class);
        } catch (JacksonException e) {
            throw new SiteConfigException(file + ": " + e.getOriginalMessage());
        }
        if (c == null) {
            throw new SiteConfigException(file + " is empty");
        }
        Path base = file.toAbsolutePath().getParent();
        List<SourceConfig> sources = c.sources == null ? List.of() : c.sources.stream().map(s -> new SourceConfig(
                require(s.name, "sources[].name", file), require(s.type, "sources[].type", file),
                s.dir == null ? null : base.resolve(s.dir), s.doneDir == null ? null : base.resolve(s.doneDir), s.chunkRows,
                s.url, s.user, s.passwordEnv, s.query, s.watermarkColumn, s.initialWatermark, s.batchRows, s.clientId, s.topics, s.listen,
                s.maxBodyOctets))
                .toList();
        SiteConfig r = new SiteConfig(require(c.siteId, "siteId", file), require(c.countryRegion, "countryRegion", file),
                require(c.city, "city", file), base.resolve(require(c.dataDir, "dataDir", file)),
                base.resolve(require(c.keystore, "keystore", file)), base.resolve(require(c.trustedCa, "trustedCa", file)),
                require(c.ledger, "ledger", file), c.ledgerAuthority, base.resolve(require(c.mapping, "mapping", file)),
                c.pollMillis, c.closeAfterSeconds, c.backoff, c.upload, c.keyRefreshSeconds, sources);
        r.identity();
        if (r.uploadWindow() < 1 || r.uploadWindow() > 4096) {
            throw new SiteConfigException(file + ": upload.window must be 1..4096, got " + r.uploadWindow());
        }
        return r;
    }

    private static <T> T require(T value, String field, Path file) {
        if (value == null) {
            throw new SiteConfigException(file + ": missing '" + field + "'");
        }
        return value;
    }

    /**
     * @return the identity written into records
     * @throws org.bkdms.core.error.ValidationException if the site, country or city is not valid
     */
    public SiteIdentity identity() {
        CountryRegion country = CountryRegion.parse(countryRegion);
        City c = new City(CityCodingScheme.ofLabel(city.scheme()), city.code());
        c.scheme().validate(c.code(), country);
        return new SiteIdentity(country, c, SiteId.parse(siteId));
    }

    /** @return the idle poll interval */
    public Duration poll() {
        return Duration.ofMillis(pollMillis == null ? 1000 : pollMillis);
    }

    /** @return how often the platform key directory is read again */
    public Duration keyRefresh() {
        return Duration.ofSeconds(keyRefreshSeconds == null ? 300 : keyRefreshSeconds);
    }

    /** @return how long after its end a period is closed */
    public Duration closeAfter() {
        return Duration.ofSeconds(closeAfterSeconds == null ? 3600 : closeAfterSeconds);
    }

    /** @return the upload backoff */
    public org.bkdms.site.block.Backoff uploadBackoff() {
        long initial = backoff == null || backoff.initialMillis() == null ? 200 : backoff.initialMillis();
        long max = backoff == null || backoff.maxMillis() == null ? 30_000 : backoff.maxMillis();
        return new org.bkdms.site.block.Backoff(Duration.ofMillis(initial), Duration.ofMillis(max));
    }

    /** @return most submissions in flight at once */
    public int uploadWindow() {
        return upload == null || upload.window() == null ? DEFAULT_UPLOAD_WINDOW : upload.window();
    }

    /** @return the ledger node's host */
    public String ledgerHost() {
        int i = ledger.lastIndexOf(':');
        String h = i < 0 ? ledger : ledger.substring(0, i);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** @return the ledger node's port */
    public int ledgerPort() {
        try {
            return Integer.parseInt(ledger.substring(ledger.lastIndexOf(':') + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new SiteConfigException("ledger must be host:port, got '" + ledger + "'");
        }
    }
}
