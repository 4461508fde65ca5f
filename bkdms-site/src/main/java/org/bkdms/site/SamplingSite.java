package org.bkdms.site;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerException;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.site.block.LedgerPort;
import org.bkdms.site.block.PlatformKeyDirectory;
import org.bkdms.site.block.SubmissionSealer;
import org.bkdms.site.block.Uploader;
import org.bkdms.site.collection.Batch;
import org.bkdms.site.collection.Collector;
import org.bkdms.site.collection.FolderCollector;
import org.bkdms.site.collection.HttpPushCollector;
import org.bkdms.site.collection.JdbcCollector;
import org.bkdms.site.collection.MqttCollector;
import org.bkdms.site.computing.KpiMapping;
import org.bkdms.site.computing.RowComputer;
import org.bkdms.site.computing.UnitRegistry;
import org.bkdms.site.storage.SiteStore;

/**
 * A sampling site, the KPI processing module of Y.4907 (clauses 7.2.2, 8.1 and 9): collectors feed
 * the computing capability, whose records are sealed into the durable outbox and uploaded to the
 * blockchain platform by the block capability. {@link #start()} runs collection and upload on two
 * threads of their own until {@link #close()}; {@link #collectOnce()} and {@link #uploadOnce()}
 * run one round on the caller's thread.
 *
 * <p>Build one with {@link #open(SiteConfig, char[])} (keystore and network client from the
 * configuration) or {@link #create} (an embedding such as {@code bkdms demo} supplies the ledger
 * and key).
 */
public final class SamplingSite implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SamplingSite.class.getName());

    private final SiteConfig config;
    private final SiteStore store;
    private final List<Collector> collectors;
    private final SiteProcessor processor;
    private final Uploader uploader;
    private final PlatformKeyDirectory keys;
    private final Clock clock;
    private final List<AutoCloseable> owned;
    private java.time.Instant keysReadAt = java.time.Instant.MIN;
    private final AtomicReference<String> collectError = new AtomicReference<>();
    private final Object idle = new Object();
    private volatile boolean running;
    private Thread collectThread;
    private Thread uploadThread;

    private SamplingSite(SiteConfig config, SiteStore store, List<Collector> collectors, SiteProcessor processor,
            Uploader uploader, PlatformKeyDirectory keys, Clock clock, List<AutoCloseable> owned) {
        this.config = config;
        this.store = store;
        this.collectors = collectors;
        this.processor = processor;
        this.uploader = uploader;
        this.keys = keys;
        this.clock = clock;
        this.owned = owned;
    }

    /**
     * Builds a site from its configuration: loads the site key and TLS credentials from the
     * keystore and connects to the ledger node named there over mutual TLS.
     *
     * @param config the configuration
     * @param password the keystore password
     * @return the site, not yet started
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if the keystore cannot be used
     */
    public static SamplingSite open(SiteConfig config, char[] password) throws IOException, GeneralSecurityException {
        return open(config, password, List.of(), Clock.systemUTC());
    }

    /**
     * Builds a site from its configuration, as {@link #open(SiteConfig, char[])} does, for a program
     * that runs sites itself (the demo, the end-to-end benchmark).
     *
     * @param config the configuration
     * @param password the keystore password
     * @param moreNodes further nodes of the same cluster ({@code host:port}) the client fails over to
     *     when the configured one is down
     * @param clock the clock of sealing and confirmations
     * @return the site, not yet started
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if the keystore cannot be used
     */
    public static SamplingSite open(SiteConfig config, char[] password, List<String> moreNodes, Clock clock)
            throws IOException, GeneralSecurityException {
        CryptoSuites suites = CryptoSuites.standard();
        SuitePrivateKey key = KeyStoreFile.load(config.keystore(), password, suites).privateKey(KeyAliases.SITE_SIGNING,
                password);
        TlsCredentials tls = TlsCredentials.fromPkcs12(config.keystore(), password, CertificateAuthority.TLS_ALIAS,
                config.trustedCa());
        LedgerClient.Builder b = LedgerClient.newBuilder().target(config.ledgerHost(), config.ledgerPort())
                .credentials(tls).suites(suites).submitWindow(config.uploadWindow());
        if (!moreNodes.isEmpty()) {
            List<String> nodes = new ArrayList<>(List.of(config.ledger()));
            nodes.addAll(moreNodes);
            b.targets(nodes);
        }
        if (config.ledgerAuthority() != null) {
            b.authority(config.ledgerAuthority());
        }
        LedgerClient client = b.build();
        try {
            return create(config, LedgerPort.of(client), key, suites, collectorsOf(config, tls), clock, List.of(client));
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Builds a site around a given ledger and key.
     *
     * @param config the configuration (its keystore, trustedCa and ledger fields are not used)
     * @param ledger the blockchain platform
     * @param siteKey the site's signing key
     * @param suites the supported crypto suites
     * @param collectors the collectors
     * @param clock the clock
     * @param owned resources to close with the site
     * @return the site, not yet started
     * @throws IOException if the mapping cannot be read
     */
    public static SamplingSite create(SiteConfig config, LedgerPort ledger, SuitePrivateKey siteKey, CryptoSuites suites,
            List<Collector> collectors, Clock clock, List<AutoCloseable> owned) throws IOException {
        KpiCatalogue catalogue = KpiCatalogue.u4ssc();
        KpiMapping mapping;
        try (var in = java.nio.file.Files.newInputStream(config.mapping())) {
            mapping = KpiMapping.read(in, catalogue);
        }
        Set<String> names = new HashSet<>();
        for (Collector c : collectors) {
            if (!names.add(c.name())) {
                throw new SiteConfigException("two collectors are named '" + c.name() + "'");
            }
        }
        SiteIdentity identity = config.identity();
        SiteStore store = SiteStore.open(config.dataDir());
        try {
            PlatformKeyDirectory keys = new PlatformKeyDirectory(ledger, store, suites, siteKey.suite());
            SubmissionSealer sealer = new SubmissionSealer(identity.siteId(), siteKey, keys, clock);
            RowComputer computer = new RowComputer(mapping, catalogue, new UnitRegistry());
            SiteProcessor processor = new SiteProcessor(identity, mapping, computer, catalogue, sealer, store,
                    () -> policy(ledger, identity), clock, config.closeAfter());
            Uploader uploader = new Uploader(store, ledger, sealer, keys, config.uploadBackoff(), clock, config.uploadWindow());
            learnSequenceFloor(store, ledger, identity);
            return new SamplingSite(config, store, List.copyOf(collectors), processor, uploader, keys, clock,
                    new ArrayList<>(owned));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static Optional<SiteProcessor.CollectionPolicy> policy(LedgerPort ledger, SiteIdentity identity) {
        try {
            return ledger.collectionPolicy(identity.siteId()).map(p -> new SiteProcessor.CollectionPolicy(
                    new HashSet<>(p.kpiCodes()), Duration.ofSeconds(p.periodSeconds())));
        } catch (LedgerException e) {
            return Optional.empty();
        }
    }

    /**
     * A fresh store starts numbering above what the chain already holds for this site (a site
     * re-installed on new disks), so its first submission is not refused as a replay.
     */
    private static void learnSequenceFloor(SiteStore store, LedgerPort ledger, SiteIdentity identity) {
        if (store.status().lastSequence() >= 0) {
            return;
        }
        try {
            OptionalLong last = ledger.lastSequence(identity.siteId());
            if (last.isPresent()) {
                store.inTransaction(u -> {
                    u.setMeta("sequence_floor", Long.toString(last.getAsLong()));
                    return null;
                });
                LOG.info("empty store: numbering continues after the chain's last sequence " + last.getAsLong());
            }
        } catch (LedgerException e) {
            LOG.warning("cannot ask the platform for this site's last sequence (" + e.getMessage() + "); numbering"
                    + " starts at 1");
        }
    }

    /**
     * @param config the configuration
     * @return its collectors; an {@code http} source is refused, since it needs TLS credentials
     */
    public static List<Collector> collectorsOf(SiteConfig config) {
        return collectorsOf(config, null);
    }

    /**
     * @param config the configuration
     * @param tls the site's TLS credentials, for {@code http} sources; may be {@code null} if there are none
     * @return its collectors
     */
    public static List<Collector> collectorsOf(SiteConfig config, TlsCredentials tls) {
        List<Collector> out = new ArrayList<>();
        for (SiteConfig.SourceConfig s : config.sources()) {
            switch (s.type()) {
                case "folder" -> {
                    if (s.dir() == null) {
                        throw new SiteConfigException("source '" + s.name() + "': 'dir' is required");
                    }
                    Path done = s.doneDir() != null ? s.doneDir() : s.dir().resolve("done");
                    out.add(new FolderCollector(s.name(), s.dir(), done, s.chunkRows() == null ? 5000 : s.chunkRows()));
                }
                case "jdbc" -> {
                    if (s.url() == null || s.query() == null || s.watermarkColumn() == null || s.initialWatermark() == null) {
                        throw new SiteConfigException("source '" + s.name() + "': jdbc needs url, query, watermarkColumn"
                                + " and initialWatermark");
                    }
                    String pw = s.passwordEnv() == null ? null : System.getenv(s.passwordEnv());
                    out.add(new JdbcCollector(s.name(), s.url(), s.user(), pw, s.query(), s.watermarkColumn(),
                            s.initialWatermark(), s.batchRows() == null ? 1000 : s.batchRows()));
                }
                case "mqtt" -> {
                    if (s.url() == null || s.topics() == null || s.topics().isEmpty()) {
                        throw new SiteConfigException("source '" + s.name() + "': mqtt needs url and topics");
                    }
                    out.add(new MqttCollector(s.name(), s.url(), s.clientId() != null ? s.clientId()
                            : "bkdms-site-" + config.siteId() + "-" + s.name(), s.topics(),
                            s.batchRows() == null ? 1000 : s.batchRows()));
                }
                case "http" -> {
                    if (s.listen() == null || tls == null) {
                        throw new SiteConfigException("source '" + s.name() + "': http needs 'listen' and the site's TLS"
                                + " credentials");
                    }
                    int colon = s.listen().lastIndexOf(':');
                    try {
                        out.add(new HttpPushCollector(s.name(), new java.net.InetSocketAddress(s.listen().substring(0, colon),
                                Integer.parseInt(s.listen().substring(colon + 1))), tls,
                                s.maxBodyOctets() == null ? 1 << 20 : s.maxBodyOctets()));
                    } catch (java.security.GeneralSecurityException | RuntimeException e) {
                        throw new SiteConfigException("source '" + s.name() + "': " + e.getMessage());
                    }
                }
                default -> throw new SiteConfigException("source '" + s.name() + "': unknown type '" + s.type()
                        + "'; use folder, jdbc, mqtt or http");
            }
        }
        return out;
    }

    /**
     * Polls every collector until none has anything new, processing each batch, then closes due
     * consolidation periods.
     *
     * @return records sealed into the outbox
     */
    public int collectOnce() {
        followKeyRotation();
        int sealed = 0;
        boolean more = true;
        boolean failed = false;
        while (more) {
            more = false;
            for (Collector c : collectors) {
                Optional<Batch> b;
                try {
                    b = c.poll(store);
                } catch (IOException e) {
                    collectError.set(c.name() + ": " + e.getMessage());
                    LOG.warning("collector " + c.name() + " failed, retrying later: " + e.getMessage());
                    failed = true;
                    continue;
                }
                if (b.isPresent()) {
                    SiteProcessor.Outcome o = processor.process(b.get());
                    sealed += o.sealed();
                    if (o.quarantined() > 0) {
                        LOG.info(c.name() + ": " + o.quarantined() + " rows quarantined");
                    }
                    more = true;
                }
            }
        }
        sealed += processor.closeDuePeriods().sealed();
        if (!failed) {
            collectError.set(null);
        }
        return sealed;
    }

    private void followKeyRotation() {
        java.time.Instant now = clock.instant();
        if (keysReadAt.plus(config.keyRefresh()).isAfter(now)) {
            return;
        }
        try {
            keys.refresh();
            keysReadAt = now;
        } catch (LedgerException e) {
            // the key in use stays valid until the platform says otherwise; the upload would tell
            LOG.fine(() -> "cannot read the platform key directory now: " + e.getMessage());
        }
    }

    /**
     * Uploads the outbox until it is empty (or the uploader halts or stops).
     *
     * @return entries confirmed
     */
    public int uploadOnce() {
        return uploader.drain();
    }

    /** Starts collecting and uploading on two background threads. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        collectThread = new Thread(this::collectLoop, "site-collect");
        uploadThread = new Thread(this::uploadLoop, "site-upload");
        collectThread.start();
        uploadThread.start();
        LOG.info("sampling site " + config.siteId() + " started with " + collectors.size() + " collectors");
    }

    private void collectLoop() {
        while (running) {
            try {
                if (collectOnce() > 0) {
                    wakeUploader();
                }
            } catch (BkdmsException e) {
                collectError.set(e.getMessage());
                LOG.log(Level.WARNING, "collection round failed; nothing of it was committed: " + e.getMessage());
            } catch (RuntimeException e) {
                collectError.set(e.toString());
                LOG.log(Level.SEVERE, "collection round failed unexpectedly; nothing of it was committed", e);
            }
            sleep(config.poll());
        }
    }

    private void uploadLoop() {
        while (running) {
            try {
                uploader.drain();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "upload round failed unexpectedly", e);
            }
            sleep(config.poll());
        }
    }

    private void wakeUploader() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void sleep(Duration d) {
        synchronized (idle) {
            if (running) {
                try {
                    idle.wait(Math.max(1, d.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** @return the site's state */
    public SiteStatus status() {
        return new SiteStatus(store.status(), uploader.haltReason(), uploader.lastError(),
                Optional.ofNullable(collectError.get()));
    }

    /** @return the site store, for inspection and the quarantine commands */
    public SiteStore store() {
        return store;
    }

    /** Stops the threads (waiting up to 10 s for each) and closes the store and owned resources. */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        uploader.stop();
        wakeUploader();
        for (Thread t : new Thread[] {collectThread, uploadThread}) {
            if (t != null) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (Collector c : collectors) {
            c.close();
        }
        store.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + c + " failed", e);
            }
        }
    }
}
