package org.bkdms.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration file of a ledger node ({@code bkdms node start --config node.yaml}). Relative
 * paths are resolved against the file's directory. Every field can be overridden by a flag.
 *
 * @param nodeId this node's id, as named in genesis
 * @param chainId URL of this blockchain platform (Y.4907 Table 10-3 "Chain ID")
 * @param dataDir where the block log lives
 * @param listen host:port to serve on (port 0 picks a free port, printed at start)
 * @param keystore PKCS#12 keystore holding the entries {@code node-signing} and {@code tls}
 * @param trustedCa PEM file of the CA whose certificates clients must present
 * @param genesis genesis file, used only when the block log is empty
 * @param blockPeriodMillis the processing time period: a block is cut at least this often
 * @param maxBlockTransactions a block is cut at this many transactions
 * @param maxBlockOctets a block is cut at about this many octets
 * @param cluster the cluster this node belongs to, or {@code null} for a single node
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NodeConfig(String nodeId, String chainId, Path dataDir, String listen, Path keystore, Path trustedCa,
        Path genesis, Long blockPeriodMillis, Integer maxBlockTransactions, Long maxBlockOctets, Cluster cluster) {

    /**
     * The {@code cluster} section: the node runs as one member of a multi-node cluster on Apache
     * Ratis instead of as a single orderer.
     *
     * @param members every node of the cluster, this one included, as {@code id=host:port} of its
     *     Raft endpoint (this node's entry is where it listens for Raft)
     * @param raftDir where this node keeps its Raft log; default: beside dataDir, named
     *     {@code <dataDir>-raft}
     * @param electionTimeoutMillis Raft's shortest election timeout; default 500
     * @param quorum the quorum this node expects the chain's genesis to set; the node refuses to start
     *     with a genesis that sets another (the quorum itself is on chain, in genesis)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Cluster(java.util.List<String> members, Path raftDir, Long electionTimeoutMillis, Integer quorum) {
    }

    /**
     * Reads a config file, fills defaults and resolves relative paths.
     *
     * @param file the YAML file
     * @return the configuration
     * @throws IOException if the file cannot be read
     * @throws InputException if it is not valid
     */
    public static NodeConfig read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        NodeConfig c;
        try {
            c = yaml.readValue(Files.readString(file), NodeConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InputException(file + ": " + e.getOriginalMessage(), e);
        }
        if (c == null) {
            throw new InputException(file + " is empty", null);
        }
        Path base = file.toAbsolutePath().getParent();
        return new NodeConfig(require(c.nodeId, "nodeId", file), require(c.chainId, "chainId", file),
                base.resolve(require(c.dataDir, "dataDir", file)), c.listen == null ? "127.0.0.1:7443" : c.listen,
                base.resolve(require(c.keystore, "keystore", file)), base.resolve(require(c.trustedCa, "trustedCa", file)),
                c.genesis == null ? null : base.resolve(c.genesis), c.blockPeriodMillis == null ? 1000 : c.blockPeriodMillis,
                c.maxBlockTransactions == null ? 10_000 : c.maxBlockTransactions,
                c.maxBlockOctets == null ? 8L << 20 : c.maxBlockOctets, cluster(c, base, file));
    }

    private static Cluster cluster(NodeConfig c, Path base, Path file) {
        if (c.cluster == null) {
            return null;
        }
        Cluster k = c.cluster;
        if (k.members() == null || k.members().isEmpty()) {
            throw new InputException(file + ": cluster needs 'members' (id=host:port of every node)", null);
        }
        Path data = base.resolve(c.dataDir);
        return new Cluster(k.members(), k.raftDir() != null ? base.resolve(k.raftDir())
                : data.resolveSibling(data.getFileName() + "-raft"), k.electionTimeoutMillis() == null ? 500 : k.electionTimeoutMillis(),
                k.quorum());
    }

    private static <T> T require(T value, String field, Path file) {
        if (value == null) {
            throw new InputException(file + ": missing '" + field + "'", null);
        }
        return value;
    }

    /**
     * @param dataDir a new data directory
     * @param listen a new listen address
     * @return this configuration with those two replaced
     */
    public NodeConfig with(Path dataDir, String listen) {
        return new NodeConfig(nodeId, chainId, dataDir, listen, keystore, trustedCa, genesis, blockPeriodMillis, maxBlockTransactions,
                maxBlockOctets, cluster);
    }

    /** @return the host part of {@link #listen()} */
    public String host() {
        return listen.substring(0, listen.lastIndexOf(':'));
    }

    /** @return the port part of {@link #listen()} */
    public int port() {
        try {
            return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new InputException("listen must be host:port, got '" + listen + "'", e);
        }
    }
}
