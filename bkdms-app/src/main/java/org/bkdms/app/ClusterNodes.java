package org.bkdms.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.ledger.blocklog.FileBlockLog;
import org.bkdms.ledger.cluster.ClusterConsensus;
import org.bkdms.ledger.cluster.ClusterMember;
import org.bkdms.ledger.cluster.ClusterSettings;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.GenesisFile;
import org.bkdms.ledger.tx.LedgerTransaction;

/** Runs {@code bkdms node start} for a node whose configuration has a {@code cluster} section. */
final class ClusterNodes {
    /** Held so that the level set on it stays: Ratis is chatty at INFO. */
    private static final Logger RATIS_LOG = Logger.getLogger("org.apache.ratis");

    private ClusterNodes() {
    }

    static int run(NodeConfig c, FileBlockLog log, SuitePrivateKey nodeKey, TlsCredentials tls, CryptoSuites suites, PrintWriter out)
            throws IOException, InterruptedException {
        RATIS_LOG.setLevel(Level.WARNING);
        NodeConfig.Cluster k = c.cluster();
        List<ClusterMember> members = new ArrayList<>();
        for (String m : k.members()) {
            try {
                members.add(ClusterMember.parse(m));
            } catch (IllegalArgumentException e) {
                throw new InputException("cluster.members: " + e.getMessage(), e);
            }
        }
        if (members.stream().noneMatch(m -> m.nodeId().equals(c.nodeId()))) {
            throw new InputException("cluster.members does not name this node (" + c.nodeId() + ")", null);
        }
        List<LedgerTransaction> genesis = c.genesis() == null ? null : GenesisFile.read(c.genesis());
        if (genesis != null && k.quorum() != null) {
            int onChain = genesis.stream().map(t -> t.body() instanceof AdminTransaction a && a.action()
                    instanceof AdminAction.EstablishChain e ? e.effectiveQuorum() : 0).filter(q -> q > 0).findFirst().orElse(0);
            if (onChain != k.quorum()) {
                throw new InputException("cluster.quorum is " + k.quorum() + " but the genesis sets " + onChain, null);
            }
        }
        ClusterSettings settings = new ClusterSettings(c.chainId(), c.nodeId(), nodeKey, members, k.raftDir(), tls, genesis,
                Duration.ofMillis(c.blockPeriodMillis()), c.maxBlockTransactions(), c.maxBlockOctets(),
                Duration.ofMillis(k.electionTimeoutMillis()), Clock.systemUTC());
        LedgerNode node = ClusterConsensus.startNode(log, new ContractState(suites, KpiCatalogue.u4ssc()), settings);
        ClusterConsensus consensus = (ClusterConsensus) node.orderer();
        consensus.whenFailed(e -> {
            // fail-stop: a node whose block log failed or was altered must not serve or sign anything more
            System.err.println("bkdms: node " + c.nodeId() + " stops: " + e.getMessage());
            System.err.flush();
            Thread exit = new Thread(() -> System.exit(ExitCodes.VERIFICATION_FAILED), "bkdms-node-fail-stop");
            exit.start();
        });
        consensus.whenLeaderChanged(leader -> {
            out.printf("node %s: leader is %s%n", c.nodeId(), leader);
            out.flush();
        });
        if (genesis != null) {
            node.initialize(genesis);
        }
        LedgerServer server = LedgerServer.newBuilder().node(node).address(c.host(), c.port()).credentials(tls).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                node.close();
            } catch (IOException e) {
                System.err.println("bkdms: closing the node failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "bkdms-node-shutdown"));
        out.printf("node %s ready: listening on %s:%d, chain %s, cluster of %d (raft %s), %d block(s) in the log%n", c.nodeId(),
                c.host(), server.port(), c.chainId(), members.size(), settings.self().address(), log.height());
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
