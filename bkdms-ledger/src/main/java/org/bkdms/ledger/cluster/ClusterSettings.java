package org.bkdms.ledger.cluster;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * How one node takes part in a cluster.
 *
 * @param chainId URL of the blockchain platform, written into the genesis block
 * @param nodeId this node's id, as named in genesis and in {@code members}
 * @param nodeKey this node's block-signing key
 * @param members every node of the cluster, this one included
 * @param raftDir where this node's Raft log lives (its own directory, beside the block log)
 * @param tls this node's credentials for the Raft transport: a certificate of role {@code node}
 *     and the CA that issued the other nodes'
 * @param genesis the chain's genesis transactions, or {@code null} for a node that takes the
 *     genesis from the cluster
 * @param blockPeriod the processing time period: how often the leader cuts a block
 * @param maxBlockTransactions most transactions per block
 * @param maxBlockOctets about the most octets of transactions per block
 * @param electionTimeout the shortest time without a leader before a follower stands for
 *     election (Raft uses between this and twice this)
 * @param clock the leader's source of block times
 */
public record ClusterSettings(String chainId, String nodeId, SuitePrivateKey nodeKey, List<ClusterMember> members, Path raftDir,
        TlsCredentials tls, List<LedgerTransaction> genesis, Duration blockPeriod, int maxBlockTransactions, long maxBlockOctets,
        Duration electionTimeout, Clock clock) {
    /**
     * Checks the settings.
     *
     * @param chainId see {@link #chainId()}
     * @param nodeId see {@link #nodeId()}
     * @param nodeKey see {@link #nodeKey()}
     * @param members see {@link #members()}
     * @param raftDir see {@link #raftDir()}
     * @param tls see {@link #tls()}
     * @param genesis see {@link #genesis()}
     * @param blockPeriod see {@link #blockPeriod()}
     * @param maxBlockTransactions see {@link #maxBlockTransactions()}
     * @param maxBlockOctets see {@link #maxBlockOctets()}
     * @param electionTimeout see {@link #electionTimeout()}
     * @param clock see {@link #clock()}
     */
    public ClusterSettings {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nodeKey, "nodeKey");
        Objects.requireNonNull(raftDir, "raftDir");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(clock, "clock");
        members = List.copyOf(members);
        genesis = genesis == null ? null : List.copyOf(genesis);
        if (members.stream().noneMatch(m -> m.nodeId().equals(nodeId))) {
            throw new IllegalArgumentException("node " + nodeId + " is not among the members " + members);
        }
        if (members.stream().map(ClusterMember::nodeId).distinct().count() != members.size()) {
            throw new IllegalArgumentException("member ids must be distinct");
        }
        if (blockPeriod.isNegative() || blockPeriod.isZero() || maxBlockTransactions < 1 || maxBlockOctets < 1
                || electionTimeout.toMillis() < 50) {
            throw new IllegalArgumentException("block period and caps must be positive, the election timeout at least 50 ms");
        }
    }

    /** @return this node as a member */
    public ClusterMember self() {
        return members.stream().filter(m -> m.nodeId().equals(nodeId)).findFirst().orElseThrow();
    }
}
