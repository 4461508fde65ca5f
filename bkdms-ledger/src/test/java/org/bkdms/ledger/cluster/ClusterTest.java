package org.bkdms.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.chain.ChainAudit;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.TlsCredentials;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.SequenceRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real four-node cluster on loopback: Ratis over mutual TLS, file block logs, contracts on every node. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTest {
    @TempDir
    Path dir;

    private final LedgerFixture f = new LedgerFixture();
    private LocalCluster cluster;

    static List<LedgerTransaction> genesis(LedgerFixture f, Map<String, SuitePublicKey> nodes) {
        return genesis(f, nodes, SequenceRule.INCREASING);
    }

    static List<LedgerTransaction> genesis(LedgerFixture f, Map<String, SuitePublicKey> nodes, SequenceRule rule) {
        GenesisBuilder b = GenesisBuilder.signedBy(f.admin).issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .contracts(new AdminAction.DeployContracts(1, 64 * 1024, 100_000, 60, 3, List.of(1, 2), rule))
                .platformKey(f.platform.publicKey())
                .site(f.siteA, "Trondheim air quality", f.siteAKey.publicKey())
                .site(f.siteB, "Hangzhou air quality", f.siteBKey.publicKey());
        nodes.forEach(b::node);
        return b.build();
    }

    private LocalCluster start(int size) throws Exception {
        return start(size, SequenceRule.INCREASING);
    }

    private LocalCluster start(int size, SequenceRule rule) throws Exception {
        cluster = LocalCluster.start(dir, LedgerFixture.CHAIN_ID, size, CertificateAuthority.create("cluster test CA",
                Duration.ofDays(1)), Duration.ofMillis(100), Duration.ofMillis(300), nodes -> genesis(f, nodes, rule));
        return cluster;
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void everyNodeWritesTheSameFinalBlocksSignedByAQuorum() throws Exception {
        start(4);
        await("genesis is final on every node", () -> {
            for (int i = 0; i < 4; i++) {
                if (cluster.node(i).chain().height() < 1) {
                    return false;
                }
            }
            return true;
        });
        // each site talks to its own node (a site's sequence numbers must reach the log in order)
        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        LedgerTransaction first = null;
        for (long seq = 1; seq <= 15; seq++) {
            LedgerTransaction a = f.submission(f.siteA, seq);
            first = first == null ? a : first;
            results.add(cluster.node(1).submit(a));
            results.add(cluster.node(3).submit(f.submission(f.siteB, seq)));
        }
        for (CompletableFuture<SubmitResult> r : results) {
            assertThat(r.get(30, TimeUnit.SECONDS).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        }
        // the same bytes again, through another node, are a duplicate; a new submission with an old sequence is a replay
        assertThat(cluster.node(2).submit(first).get(30, TimeUnit.SECONDS).status()).isEqualTo(SubmitResult.Status.DUPLICATE);
        SubmitResult replay = cluster.node(0).submit(f.submission(f.siteA, 2)).get(30, TimeUnit.SECONDS);
        assertThat(replay.reason()).isEqualTo(RejectReason.REPLAY);

        long height = cluster.node(0).chain().height();
        await("every node reaches height " + height, () -> {
            for (int i = 0; i < 4; i++) {
                if (cluster.node(i).chain().height() < height) {
                    return false;
                }
            }
            return true;
        });
        for (long h = 0; h < height; h++) {
            Block head = cluster.node(0).block(h);
            assertThat(head.signatures()).hasSize(3);
            for (int i = 1; i < 4; i++) {
                assertThat(cluster.node(i).block(h).encoded()).isEqualTo(head.encoded());
            }
        }
        for (int i = 0; i < 4; i++) {
            ChainAudit.Report report = ChainAudit.verify(cluster.home(i).resolve("blocks"), f.newState(), x -> { });
            assertThat(report.consistent()).as(report.toString()).isTrue();
            assertThat(report.transactions()).isEqualTo(5 + 30);
        }
    }

    private LedgerClient siteClient(List<String> targets) throws Exception {
        CertificateAuthority.Issued tls = cluster.ca().issue("site a", "site", f.siteA, List.of(), List.of(), Duration.ofDays(1));
        return LedgerClient.newBuilder().targets(targets).deadline(Duration.ofSeconds(5))
                .credentials(TlsCredentials.of(tls.privateKey(), tls.chain(), List.of(cluster.ca().certificate()))).build();
    }

    @Test
    void stoppingTheLeaderLosesNothingAcknowledgedAndARestartedNodeCatchesUp() throws Exception {
        start(4);
        await("genesis is final", () -> cluster.node(0).chain().height() >= 1);
        List<org.bkdms.ledger.tx.TxId> acknowledged = new ArrayList<>();
        int leader;
        try (LedgerClient client = siteClient(cluster.apiTargets())) {
            long seq = 1;
            for (; seq <= 10; seq++) {
                SubmitResult r = client.submit(f.submission(f.siteA, seq));
                assertThat(r.status()).isEqualTo(SubmitResult.Status.COMMITTED);
                acknowledged.add(r.id());
            }
            leader = cluster.leader().orElseThrow();
            cluster.stop(leader);
            long stopped = System.nanoTime();
            SubmitResult first = client.submit(f.submission(f.siteA, seq++));
            double resumedMillis = (System.nanoTime() - stopped) / 1e6;
            assertThat(first.status()).isEqualTo(SubmitResult.Status.COMMITTED);
            acknowledged.add(first.id());
            for (; seq <= 20; seq++) {
                SubmitResult r = client.submit(f.submission(f.siteA, seq));
                assertThat(r.status()).isEqualTo(SubmitResult.Status.COMMITTED);
                acknowledged.add(r.id());
            }
            System.out.printf("cluster test: first submission committed %.0f ms after the leader stopped%n", resumedMillis);
        }
        int witness = (leader + 1) % 4;
        for (var id : acknowledged) {
            assertThat(cluster.node(witness).find(id)).as("acknowledged %s", id).isPresent();
        }
        cluster.start(leader);
        long height = cluster.node(witness).chain().height();
        await("the restarted node catches up to height " + height, () -> cluster.node(leader).chain().height() >= height);
        for (long h = 0; h < height; h++) {
            assertThat(cluster.node(leader).block(h).encoded()).isEqualTo(cluster.node(witness).block(h).encoded());
        }
    }

    @Test
    void aNodeAddedByAnAdminTransactionJoinsTheRaftGroupAndItsVotesCount() throws Exception {
        start(3);
        await("genesis is final", () -> cluster.node(0).chain().height() >= 1);
        int added = cluster.prepareNode();
        ClusterMember member = cluster.members().get(added);
        LedgerTransaction add = LedgerTransaction.sign(new org.bkdms.ledger.tx.AdminTransaction(cluster.genesis().size() + 1,
                Instant.parse("2026-01-02T00:00:00Z"), new AdminAction.AddNode(new AdminAction.NodeInfo(member.nodeId(),
                        cluster.signingKey(added).subjectPublicKeyInfo()), member.address(), 0)), f.admin);
        SubmitResult r = cluster.node(0).submit(add).get(30, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(SubmitResult.Status.COMMITTED);
        int members = cluster.node(1).query(s -> s.nodes().size());
        int quorum = cluster.node(1).query(s -> s.quorum());
        assertThat(members).isEqualTo(4);
        assertThat(quorum).isEqualTo(3);

        cluster.start(added);
        await("the leader adds " + member.nodeId() + " to the Raft group", () -> ((ClusterConsensus) cluster.node(0).orderer())
                .raftMembers().contains(member.nodeId()));
        long height = cluster.node(0).chain().height();
        await("the new node catches up", () -> cluster.node(added).chain().height() >= height);

        // with one of the original three stopped, blocks are final only because the new node votes (3 of 4)
        int stopped = cluster.leader().orElseThrow() == 2 ? 1 : 2;
        cluster.stop(stopped);
        int via = stopped == 1 ? 2 : 1;
        for (long seq = 1; seq <= 3; seq++) {
            assertThat(cluster.node(via).submit(f.submission(f.siteA, seq)).get(30, TimeUnit.SECONDS).status())
                    .isEqualTo(SubmitResult.Status.COMMITTED);
        }
        Block last = cluster.node(via).block(cluster.node(via).chain().height() - 1);
        assertThat(last.signatures()).extracting(org.bkdms.ledger.block.NodeSignature::nodeId).contains(member.nodeId());

        // the stopped node is removed for good: it leaves the Raft group, and the quorum is 3 of the remaining 3
        String gone = cluster.members().get(stopped).nodeId();
        LedgerTransaction remove = LedgerTransaction.sign(new org.bkdms.ledger.tx.AdminTransaction(cluster.genesis().size() + 2,
                Instant.parse("2026-01-02T00:00:00Z"), new AdminAction.RemoveNode(gone, 0)), f.admin);
        assertThat(cluster.node(via).submit(remove).get(30, TimeUnit.SECONDS).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        await("the leader removes " + gone + " from the Raft group", () -> !((ClusterConsensus) cluster.node(via).orderer())
                .raftMembers().contains(gone));
        assertThat(cluster.node(via).submit(f.submission(f.siteA, 4)).get(30, TimeUnit.SECONDS).status())
                .isEqualTo(SubmitResult.Status.COMMITTED);
        for (int i : new int[] {0, via, added}) {
            ChainAudit.Report report = ChainAudit.verify(cluster.home(i).resolve("blocks"), f.newState(), x -> { });
            assertThat(report.consistent()).as(report.toString()).isTrue();
        }
    }

    /** Under the contiguous rule the nodes' early checks must leave a pipelining site's gaps to the cut. */
    @ParameterizedTest
    @EnumSource(SequenceRule.class)
    void aStreamingSiteKeepsItsOrderWhenItsNodeStops(SequenceRule rule) throws Exception {
        start(4, rule);
        await("genesis is final", () -> cluster.node(0).chain().height() >= 1);
        int first = (cluster.leader().orElseThrow() + 1) % 4;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            targets.add(cluster.apiTarget((first + i) % 4));
        }
        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        try (LedgerClient client = siteClient(targets); var stream = client.openSubmitter()) {
            for (long seq = 1; seq <= 60; seq++) {
                results.add(stream.submit(f.submission(f.siteA, seq)));
                if (seq == 20) {
                    results.get(9).get(30, TimeUnit.SECONDS);
                    cluster.stop(first); // the node the stream talks to
                }
            }
            for (int i = 0; i < results.size(); i++) {
                SubmitResult r = results.get(i).get(60, TimeUnit.SECONDS);
                assertThat(r.onChain()).as("seq %d: %s", i + 1, r).isTrue();
            }
        }
    }
}
