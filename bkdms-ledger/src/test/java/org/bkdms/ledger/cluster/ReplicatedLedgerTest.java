package org.bkdms.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.block.NodeSignature;
import org.bkdms.ledger.blocklog.MemoryBlockLog;
import org.bkdms.ledger.chain.Chain;
import org.bkdms.ledger.chain.ChainException;
import org.bkdms.ledger.chain.ChainVerifier;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.Verdict;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.junit.jupiter.api.Test;

/**
 * Four replicas fed the same log, as Ratis would feed them, without the network: what becomes
 * final, and what a replica with different contracts can and cannot do.
 */
class ReplicatedLedgerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private final LedgerFixture f = new LedgerFixture();
    private final List<Replica> replicas = new ArrayList<>();
    private final ArrayDeque<ClusterEntry> votes = new ArrayDeque<>();
    private final Map<String, SuitePrivateKey> keys = new LinkedHashMap<>();
    private List<LedgerTransaction> genesis;

    /** One node: its log, chain, ledger and what it decided. */
    private final class Replica implements ReplicatedLedger.Listener {
        final String id;
        final MemoryBlockLog log = new MemoryBlockLog();
        final ReplicatedLedger ledger;
        final List<SubmitResult> decided = new ArrayList<>();

        Replica(String id, ReplicatedLedger.Validator validator) {
            this.id = id;
            this.ledger = new ReplicatedLedger(Chain.attach(log), LedgerFixture.CHAIN_ID, f.newState(), genesis, validator, this);
        }

        @Override
        public void decided(SubmitResult result) {
            decided.add(result);
        }

        @Override
        public void sign(BlockHeader header) {
            SuitePrivateKey key = keys.get(id);
            votes.add(new ClusterEntry.Vote(header.height(), new NodeSignature(id, key.keyId(), key.suite().sign(key,
                    header.encode()))));
        }
    }

    private void cluster(ReplicatedLedger.Validator... validators) {
        Map<String, SuitePublicKey> pub = new LinkedHashMap<>();
        for (int i = 1; i <= validators.length; i++) {
            SuitePrivateKey k = f.suite.generate(KeyPurpose.SIGNING);
            keys.put("node-" + i, k);
            pub.put("node-" + i, k.publicKey());
        }
        genesis = ClusterTest.genesis(f, pub);
        for (int i = 0; i < validators.length; i++) {
            replicas.add(new Replica("node-" + (i + 1), validators[i]));
        }
    }

    /** Appends an entry to every replica's log, then the votes it caused, as the leader would order them. */
    private void log(ClusterEntry entry) throws Exception {
        for (Replica r : replicas) {
            r.ledger.apply(entry.encode());
        }
        while (!votes.isEmpty()) {
            ClusterEntry vote = votes.poll();
            for (Replica r : replicas) {
                r.ledger.apply(vote.encode());
            }
        }
    }

    private static ClusterEntry txs(LedgerTransaction... txs) {
        return new ClusterEntry.Transactions(List.of(txs).stream().map(LedgerTransaction::encoded).toList());
    }

    private static ClusterEntry cut(int seconds) {
        return new ClusterEntry.Cut(T0.plusSeconds(seconds), "node-1", 1000);
    }

    @Test
    void allReplicasWriteIdenticalBlocksWithTheFirstQuorumOfVotes() throws Exception {
        cluster(ReplicatedLedger.Validator.CONTRACTS, ReplicatedLedger.Validator.CONTRACTS, ReplicatedLedger.Validator.CONTRACTS,
                ReplicatedLedger.Validator.CONTRACTS);
        log(new ClusterEntry.Genesis(T0, "node-1", genesis.stream().map(LedgerTransaction::encoded).toList()));
        log(txs(f.submission(f.siteA, 1), f.submission(f.siteB, 1)));
        log(cut(1));
        log(txs(f.submission(f.siteA, 2)));
        log(cut(2));
        for (Replica r : replicas) {
            assertThat(r.log.height()).isEqualTo(3);
            for (long h = 0; h < 3; h++) {
                assertThat(r.log.read(h)).isEqualTo(replicas.get(0).log.read(h));
                assertThat(Block.decode(r.log.read(h)).signatures()).extracting(NodeSignature::nodeId)
                        .containsExactly("node-1", "node-2", "node-3");
            }
        }
        ChainVerifier verifier = new ChainVerifier(f.newState(), LedgerFixture.CHAIN_ID);
        for (long h = 0; h < 3; h++) {
            verifier.verify(replicas.get(2).log.read(h), replicas.get(2).log.position(h));
        }
        assertThat(replicas.get(3).decided).filteredOn(d -> d.status() == SubmitResult.Status.COMMITTED).hasSize(genesis.size() + 3);
    }

    @Test
    void aTransactionTheQuorumRefusesNeverBecomesFinalEvenIfTheLeaderAcceptsIt() throws Exception {
        // node-1 (the leader that cut) runs contracts that accept anything; the other three refuse a replay
        ReplicatedLedger.Validator lenient = (state, tx, height, time) -> Verdict.accepted();
        cluster(lenient, ReplicatedLedger.Validator.CONTRACTS, ReplicatedLedger.Validator.CONTRACTS,
                ReplicatedLedger.Validator.CONTRACTS);
        log(new ClusterEntry.Genesis(T0, "node-1", genesis.stream().map(LedgerTransaction::encoded).toList()));
        log(txs(f.submission(f.siteA, 5)));
        log(cut(1));
        LedgerTransaction replay = f.submission(f.siteA, 5);
        LedgerTransaction valid = f.submission(f.siteB, 1);
        log(txs(replay, valid));
        log(cut(2));

        Replica leader = replicas.get(0);
        Replica honest = replicas.get(1);
        assertThat(honest.log.height()).isEqualTo(3);
        Block block2 = Block.decode(honest.log.read(2));
        assertThat(block2.transactions()).extracting(LedgerTransaction::id).containsExactly(valid.id());
        assertThat(honest.decided).anySatisfy(d -> {
            assertThat(d.id()).isEqualTo(replay.id());
            assertThat(d.reason()).isEqualTo(RejectReason.REPLAY);
        });
        // the lenient node built another block 2; no other node's vote verifies over it, so it never becomes final there
        assertThat(leader.log.height()).isEqualTo(2);
        assertThat(leader.ledger.disagreements()).isEqualTo(3);
        assertThat(honest.ledger.disagreements()).isEqualTo(1);
        assertThat(leader.decided).noneMatch(d -> d.id().equals(replay.id()) && d.onChain());
    }

    @Test
    void withoutAQuorumOfVotesNothingBecomesFinal() throws Exception {
        cluster(ReplicatedLedger.Validator.CONTRACTS, ReplicatedLedger.Validator.CONTRACTS, ReplicatedLedger.Validator.CONTRACTS,
                ReplicatedLedger.Validator.CONTRACTS);
        log(new ClusterEntry.Genesis(T0, "node-1", genesis.stream().map(LedgerTransaction::encoded).toList()));
        byte[] submitted = txs(f.submission(f.siteA, 1)).encode();
        byte[] cut = cut(1).encode();
        for (Replica r : replicas) {
            r.ledger.apply(submitted);
            r.ledger.apply(cut);
        }
        // two of the four votes reach the log (quorum is three): block 1 stays pending everywhere
        for (int i = 0; i < 2; i++) {
            ClusterEntry vote = votes.poll();
            for (Replica r : replicas) {
                r.ledger.apply(vote.encode());
            }
        }
        votes.clear();
        for (Replica r : replicas) {
            assertThat(r.log.height()).isEqualTo(1);
            assertThat(r.ledger.blockPending()).isTrue();
            assertThat(r.ledger.disagreements()).isZero();
        }
        // a cut proposed meanwhile is ignored: one block at a time
        log(txs(f.submission(f.siteA, 2)));
        log(cut(2));
        assertThat(replicas.get(0).log.height()).isEqualTo(1);
    }

    @Test
    void aBlockLogAlteredWhileDownIsDetectedWhenTheLogIsReappliedAndTheReplicaStops() throws Exception {
        cluster(ReplicatedLedger.Validator.CONTRACTS, ReplicatedLedger.Validator.CONTRACTS, ReplicatedLedger.Validator.CONTRACTS);
        List<ClusterEntry> history = new ArrayList<>();
        history.add(new ClusterEntry.Genesis(T0, "node-1", genesis.stream().map(LedgerTransaction::encoded).toList()));
        history.add(txs(f.submission(f.siteA, 1)));
        history.add(cut(1));
        for (ClusterEntry e : history) {
            log(e);
        }
        // the full log as the replicas applied it, votes included, rebuilt from replica 0's blocks
        MemoryBlockLog stored = replicas.get(0).log;
        MemoryBlockLog altered = new MemoryBlockLog();
        altered.append(stored.read(0));
        byte[] b1 = stored.read(1);
        b1[b1.length - 5] ^= 1;
        altered.append(b1);
        ReplicatedLedger restarted = new ReplicatedLedger(Chain.attach(altered), LedgerFixture.CHAIN_ID, f.newState(), genesis,
                ReplicatedLedger.Validator.CONTRACTS, new ReplicatedLedger.Listener() {
                    @Override
                    public void decided(SubmitResult result) {
                    }

                    @Override
                    public void sign(BlockHeader header) {
                        throw new AssertionError("a replica re-deriving stored blocks does not sign them again");
                    }
                });
        Block genesisBlock = Block.decode(stored.read(0));
        Block block1 = Block.decode(stored.read(1));
        restarted.apply(history.get(0));
        for (NodeSignature s : genesisBlock.signatures()) {
            restarted.apply(new ClusterEntry.Vote(0, s));
        }
        restarted.apply(history.get(1));
        restarted.apply(history.get(2));
        List<NodeSignature> sigs = block1.signatures();
        // three nodes: the quorum is all three, so the third vote finalizes block 1 and meets the altered copy
        restarted.apply(new ClusterEntry.Vote(1, sigs.get(0)));
        restarted.apply(new ClusterEntry.Vote(1, sigs.get(1)));
        assertThatThrownBy(() -> restarted.apply(new ClusterEntry.Vote(1, sigs.get(2))))
                .isInstanceOf(ChainException.class).hasMessageContaining("altered");
        assertThat(restarted.failure()).isPresent();
        assertThatThrownBy(() -> restarted.apply(cut(5))).isInstanceOf(ChainException.class);
    }

    @Test
    void aGenesisOtherThanTheConfiguredOneIsIgnored() throws Exception {
        cluster(ReplicatedLedger.Validator.CONTRACTS);
        List<LedgerTransaction> other = ClusterTest.genesis(new LedgerFixture(), Map.of("node-1", keys.get("node-1").publicKey()));
        log(new ClusterEntry.Genesis(T0, "node-1", other.stream().map(LedgerTransaction::encoded).toList()));
        assertThat(replicas.get(0).ledger.hasGenesis()).isFalse();
        log(new ClusterEntry.Genesis(T0, "node-1", genesis.stream().map(LedgerTransaction::encoded).toList()));
        assertThat(replicas.get(0).log.height()).isEqualTo(1);
    }
}
