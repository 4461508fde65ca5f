package org.bkdms.ledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * A cluster of N ledger nodes inside one JVM on loopback, each with its own keys, block log, Raft
 * log, Raft endpoint and ledger API server, all over mutual TLS with certificates from one CA:
 * what {@code bkdms bench ledger --nodes N} and an embedded demo run, and what tests stop and
 * restart nodes of. Node ids are {@code node-1} to {@code node-N}; more can be prepared and added by an
 * administrative transaction. Not thread-safe.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dir;
    private final String chainId;
    private final CryptoSuites suites;
    private final KpiCatalogue catalogue;
    private final CertificateAuthority ca;
    private final Duration blockPeriod;
    private final Duration electionTimeout;
    private final List<ClusterMember> members = new ArrayList<>();
    private final List<SuitePrivateKey> keys = new ArrayList<>();
    private final List<TlsCredentials> credentials = new ArrayList<>();
    private final List<LedgerTransaction> genesis;
    private final List<LedgerNode> nodes = new ArrayList<>();
    private final List<LedgerServer> servers = new ArrayList<>();

    private LocalCluster(Path dir, String chainId, int size, CertificateAuthority ca, CryptoSuites suites, KpiCatalogue catalogue,
            Duration blockPeriod, Duration electionTimeout, Function<Map<String, SuitePublicKey>, List<LedgerTransaction>> genesis)
            throws IOException, GeneralSecurityException {
        this.dir = dir;
        this.chainId = chainId;
        this.suites = suites;
        this.catalogue = catalogue;
        this.ca = ca;
        this.blockPeriod = blockPeriod;
        this.electionTimeout = electionTimeout;
        Map<String, SuitePublicKey> nodeKeys = new LinkedHashMap<>();
        for (int i = 1; i <= size; i++) {
            SuitePrivateKey key = prepare();
            nodeKeys.put("node-" + i, key.publicKey());
        }
        this.genesis = List.copyOf(genesis.apply(nodeKeys));
    }

    /** Makes key, certificate and port of the next node, not yet started. */
    private SuitePrivateKey prepare() throws IOException, GeneralSecurityException {
        String id = "node-" + (members.size() + 1);
        SuitePrivateKey key = suites.defaultSuite().generate(KeyPurpose.SIGNING);
        keys.add(key);
        members.add(new ClusterMember(id, "127.0.0.1", freePort()));
        CertificateAuthority.Issued tls = ca.issue(id, "node", null, List.of("127.0.0.1"), List.of("localhost"), Duration.ofDays(30));
        credentials.add(TlsCredentials.of(tls.privateKey(), tls.chain(), List.of(ca.certificate())));
        nodes.add(null);
        servers.add(null);
        return key;
    }

    /**
     * Prepares one more node (key, certificate, Raft port) without starting it: the chain learns of
     * it through an {@link org.bkdms.ledger.tx.AdminAction.AddNode} transaction of the platform;
     * then {@link #start(int)} starts it and the leader adds it to the Raft group.
     *
     * @return the new node's index
     * @throws IOException if no port is free
     * @throws GeneralSecurityException if its certificate cannot be issued
     */
    public int prepareNode() throws IOException, GeneralSecurityException {
        prepare();
        return members.size() - 1;
    }

    /**
     * @param i a node's index
     * @return its block-signing public key
     */
    public SuitePublicKey signingKey(int i) {
        return keys.get(i).publicKey();
    }

    /**
     * Creates keys, certificates and genesis for N nodes and starts them all.
     *
     * @param dir where the nodes keep their logs (one subdirectory per node)
     * @param chainId the chain id
     * @param size number of nodes
     * @param ca the CA that issues the nodes' TLS certificates (and the clients')
     * @param blockPeriod the processing time period
     * @param electionTimeout Raft's shortest election timeout
     * @param genesis makes the genesis transactions from the node ids and signing keys, in order
     * @return the running cluster
     * @throws IOException if a node cannot start
     * @throws GeneralSecurityException if certificates cannot be issued
     */
    public static LocalCluster start(Path dir, String chainId, int size, CertificateAuthority ca, Duration blockPeriod,
            Duration electionTimeout, Function<Map<String, SuitePublicKey>, List<LedgerTransaction>> genesis)
            throws IOException, GeneralSecurityException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        LocalCluster c = new LocalCluster(dir, chainId, size, ca, CryptoSuites.standard(), KpiCatalogue.u4ssc(), blockPeriod,
                electionTimeout, genesis);
        try {
            for (int i = 0; i < size; i++) {
                c.start(i);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts (or restarts) node {@code i} over its existing logs.
     *
     * @param i the node's index, 0-based
     * @throws IOException if it cannot start
     */
    public void start(int i) throws IOException {
        if (nodes.get(i) != null) {
            throw new IllegalStateException(members.get(i).nodeId() + " is running");
        }
        Path home = dir.resolve(members.get(i).nodeId());
        ClusterSettings s = new ClusterSettings(chainId, members.get(i).nodeId(), keys.get(i), members, home.resolve("raft"),
                credentials.get(i), genesis, blockPeriod, 10_000, 8L << 20, electionTimeout, Clock.systemUTC());
        LedgerNode node = ClusterConsensus.startNode(FileBlockLog.open(home.resolve("blocks")), new ContractState(suites, catalogue), s);
        node.initialize(genesis);
        nodes.set(i, node);
        servers.set(i, LedgerServer.newBuilder().node(node).address("127.0.0.1", 0).credentials(credentials.get(i)).build().start());
    }

    /**
     * Stops node {@code i} as a clean shutdown would; {@link #start(int)} brings it back.
     *
     * @param i the node's index
     */
    public void stop(int i) {
        if (nodes.get(i) == null) {
            return;
        }
        servers.get(i).close();
        try {
            nodes.get(i).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            nodes.set(i, null);
            servers.set(i, null);
        }
    }

    /** @return number of nodes */
    public int size() {
        return members.size();
    }

    /**
     * @param i a node's index
     * @return the running node, or {@code null} if stopped
     */
    public LedgerNode node(int i) {
        return nodes.get(i);
    }

    /**
     * @param i a node's index
     * @return its ledger API as {@code host:port}
     * @throws IllegalStateException if it is stopped
     */
    public String apiTarget(int i) {
        if (servers.get(i) == null) {
            throw new IllegalStateException(members.get(i).nodeId() + " is stopped");
        }
        return "127.0.0.1:" + servers.get(i).port();
    }

    /** @return the ledger API of every running node */
    public List<String> apiTargets() {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i) != null) {
                t.add(apiTarget(i));
            }
        }
        return t;
    }

    /** @return the members as their peers reach them */
    public List<ClusterMember> members() {
        return List.copyOf(members);
    }

    /** @return the genesis transactions */
    public List<LedgerTransaction> genesis() {
        return genesis;
    }

    /**
     * @param i a node's index
     * @return its data directory (block log in {@code blocks}, Raft log in {@code raft})
     */
    public Path home(int i) {
        return dir.resolve(members.get(i).nodeId());
    }

    /** @return the index of the node that a running node names as Raft leader, if any */
    public Optional<Integer> leader() {
        for (LedgerNode n : nodes) {
            if (n != null && n.orderer() instanceof ClusterConsensus c) {
                Optional<String> id = c.leader();
                if (id.isPresent()) {
                    for (int i = 0; i < members.size(); i++) {
                        if (members.get(i).nodeId().equals(id.get()) && nodes.get(i) != null) {
                            return Optional.of(i);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** @return the CA */
    public CertificateAuthority ca() {
        return ca;
    }

    @Override
    public void close() {
        for (int i = 0; i < members.size(); i++) {
            if (nodes.get(i) != null) {
                stop(i);
            }
        }
    }

    @Override
    public String toString() {
        return "LocalCluster{" + Objects.toString(chainId) + ", " + members.size() + " nodes in " + dir + "}";
    }
}
