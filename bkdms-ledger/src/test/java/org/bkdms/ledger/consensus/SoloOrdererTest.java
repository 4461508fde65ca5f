package org.bkdms.ledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.proof.InclusionProof;
import org.bkdms.core.proof.MerkleProofs;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.Span;
import org.bkdms.ledger.blocklog.MemoryBlockLog;
import org.bkdms.ledger.chain.Chain;
import org.bkdms.ledger.chain.ChainVerifier;
import org.bkdms.ledger.chain.TxLocation;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.SiteStatus;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.MisbehaviourReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoloOrdererTest {
    private LedgerFixture f;
    private MemoryBlockLog log;
    private ContractState state;
    private Chain chain;
    private SoloOrderer orderer;
    private LedgerFixture.TestClock clock;

    @BeforeEach
    void start() throws Exception {
        f = new LedgerFixture(50);
        log = new MemoryBlockLog();
        state = f.newState();
        chain = Chain.open(log, state);
        clock = new LedgerFixture.TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        // a long period: tests cut blocks with flush() so that nothing depends on timing
        orderer = new SoloOrderer(chain, state, new SoloOrderer.Settings(LedgerFixture.CHAIN_ID, LedgerFixture.NODE_ID,
                f.node, Duration.ofHours(1), 4, 1 << 20, clock));
        orderer.createGenesis(f.genesis());
    }

    @AfterEach
    void stop() {
        orderer.close();
    }

    private SubmitResult result(CompletableFuture<SubmitResult> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void submissionsAreAcknowledgedOnlyOnceTheirBlockIsCommitted() throws Exception {
        CompletableFuture<SubmitResult> a = orderer.submit(f.submission(f.siteA, 1));
        CompletableFuture<SubmitResult> b = orderer.submit(f.submission(f.siteB, 1));
        assertThat(a).isNotDone();
        assertThat(chain.height()).isEqualTo(1);
        orderer.flush();
        assertThat(result(a).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        assertThat(result(a).height()).isEqualTo(1);
        assertThat(result(b).index()).isEqualTo(1);
        assertThat(log.height()).isEqualTo(2);
    }

    @Test
    void aBlockIsCutAtTheSizeCap() throws Exception {
        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            futures.add(orderer.submit(f.submission(f.siteA, i)));
        }
        // the cap of 4 transactions cut the block without a flush
        assertThat(result(futures.get(3)).height()).isEqualTo(1);
        assertThat(chain.height()).isEqualTo(2);
    }

    @Test
    void resubmittingIsIdempotent() throws Exception {
        LedgerTransaction tx = f.submission(f.siteA, 1);
        CompletableFuture<SubmitResult> first = orderer.submit(tx);
        assertThat(orderer.submit(tx)).isSameAs(first);
        orderer.flush();
        SubmitResult again = result(orderer.submit(tx));
        assertThat(again.status()).isEqualTo(SubmitResult.Status.DUPLICATE);
        assertThat(again.height()).isEqualTo(result(first).height());
        assertThat(chain.transactions()).isEqualTo(f.genesis().size() + 1);
    }

    @Test
    void aPipeliningSiteOverTheRateLimitIsSlowedDownButNeverReported() throws Exception {
        CompletableFuture<SubmitResult> upgrade = orderer.submit(f.admin(new org.bkdms.ledger.tx.AdminAction.DeployContracts(2,
                64 * 1024, 10, 60, 3, List.of(1, 2), org.bkdms.ledger.tx.SequenceRule.CONTIGUOUS)));
        orderer.flush();
        assertThat(result(upgrade).onChain()).isTrue();
        // a window of 32 in flight, three times over, against a limit of 10 per minute
        java.util.Map<Object, Integer> outcomes = new java.util.HashMap<>();
        long next = 1;
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<SubmitResult>> window = new ArrayList<>();
            for (long seq = next; seq < next + 32; seq++) {
                window.add(orderer.submit(f.submission(f.siteA, seq)));
            }
            orderer.flush();
            for (CompletableFuture<SubmitResult> w : window) {
                SubmitResult r = result(w);
                outcomes.merge(r.onChain() ? "COMMITTED" : r.reason(), 1, Integer::sum);
                if (r.onChain()) {
                    next++;
                }
            }
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(outcomes).containsEntry("COMMITTED", 10).containsKeys(RejectReason.RATE_LIMITED, RejectReason.SEQUENCE_GAP);
        assertThat(state.misbehaviourCount(f.siteA)).isZero();
        assertThat(state.registry().current(f.siteA).orElseThrow().status()).isEqualTo(SiteStatus.ACTIVE);
        for (long h = 0; h < chain.height(); h++) {
            assertThat(chain.block(h).transactions()).noneMatch(t -> t.body() instanceof MisbehaviourReport);
        }
    }

    @Test
    void rejectionsAreTypedAndMisbehaviourIsRecordedOnChainUntilTheSiteIsSuspended() throws Exception {
        CompletableFuture<SubmitResult> first = orderer.submit(f.submission(f.siteA, 1));
        orderer.flush();
        assertThat(result(first).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        for (int round = 0; round < 3; round++) {
            SubmitResult replay = result(orderer.submit(f.submission(f.siteA, 1)));
            assertThat(replay.reason()).isEqualTo(RejectReason.REPLAY);
            orderer.flush();
        }
        assertThat(state.registry().current(f.siteA).orElseThrow().status()).isEqualTo(SiteStatus.SUSPENDED);
        assertThat(result(orderer.submit(f.submission(f.siteA, 2))).reason()).isEqualTo(RejectReason.SITE_SUSPENDED);
        long reports = 0;
        for (long h = 0; h < chain.height(); h++) {
            reports += chain.block(h).transactions().stream().filter(t -> t.body() instanceof MisbehaviourReport).count();
        }
        assertThat(reports).isEqualTo(3);
        assertThat(orderer.rejectedCount()).isEqualTo(4);
    }

    @Test
    void committedBlocksVerifyAndReplayToTheSameStateFromGenesis() throws Exception {
        for (int i = 1; i <= 10; i++) {
            orderer.submit(f.submission(i % 2 == 0 ? f.siteA : f.siteB, i));
            if (i % 3 == 0) {
                clock.advance(Duration.ofSeconds(1));
                orderer.flush();
            }
        }
        orderer.flush();
        ContractState replayed = f.newState();
        ChainVerifier verifier = new ChainVerifier(replayed, LedgerFixture.CHAIN_ID);
        for (long h = 0; h < log.height(); h++) {
            verifier.verify(log.read(h), log.position(h));
        }
        assertThat(verifier.nextHeight()).isEqualTo(chain.height());
        assertThat(verifier.lastHash()).isEqualTo(chain.headHash());
        assertThat(replayed.lastSequence(f.siteA)).isEqualTo(state.lastSequence(f.siteA)).isEqualTo(10);
        assertThat(replayed.lastSequence(f.siteB)).isEqualTo(9);

        // reopening the same log rebuilds the same chain and indexes
        ContractState reopenedState = f.newState();
        Chain reopened = Chain.open(log, reopenedState);
        assertThat(reopened.height()).isEqualTo(chain.height());
        assertThat(reopened.transactions()).isEqualTo(chain.transactions());
        assertThat(chain.transactionsOf(f.siteA)).hasSize(5);
        assertThat(reopened.transactionsOf(f.siteA)).isEqualTo(chain.transactionsOf(f.siteA));
        for (var id : chain.transactionsOf(f.siteB)) {
            assertThat(((KpiSubmission) chain.block(chain.find(id).orElseThrow().height())
                    .transactions().get(chain.find(id).orElseThrow().index()).body()).siteId()).isEqualTo(f.siteB);
        }
        assertThat(chain.transactionsOf(org.bkdms.core.record.SiteId.parse("192.0.2.1"))).isEmpty();
    }

    @Test
    void everyTransactionHasAVerifiableInclusionProofAndItsPacketIsAddressable() throws Exception {
        List<LedgerTransaction> txs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            LedgerTransaction tx = f.submission(f.siteA, i);
            txs.add(tx);
            orderer.submit(tx);
        }
        orderer.flush();
        for (LedgerTransaction tx : txs) {
            TxLocation loc = chain.find(tx.id()).orElseThrow();
            Block block = chain.block(loc.height());
            InclusionProof proof = block.inclusionProof(loc.index());
            assertThat(MerkleProofs.verifyInclusion(MerkleTree.leafHash(tx.encoded()), proof, block.header().merkleRoot()))
                    .isTrue();
            byte[] raw = log.read(loc.block());
            Span packet = loc.packetSpan().orElseThrow();
            byte[] packetBytes = Arrays.copyOfRange(raw, packet.offset(), packet.offset() + packet.length());
            assertThat(packetBytes).isEqualTo(((KpiSubmission) tx.body()).packetDer());
            assertThat(KpiPacketCodec.decode(packetBytes).suiteId()).isEqualTo(1);
            assertThat(Arrays.copyOfRange(raw, loc.tx().offset(), loc.tx().offset() + loc.tx().length()))
                    .isEqualTo(tx.encoded());
        }
    }

    @Test
    void blockTimesNeverGoBackwardsEvenIfTheClockDoes() throws Exception {
        orderer.submit(f.submission(f.siteA, 1));
        orderer.flush();
        clock.advance(Duration.ofMinutes(-10));
        orderer.submit(f.submission(f.siteA, 2));
        orderer.flush();
        assertThat(chain.block(2).header().time()).isAfter(chain.block(1).header().time());
    }

    @Test
    void genesisIsCreatedOnlyOnceAndAStoppedOrdererRefusesWork() throws Exception {
        assertThatThrownBy(() -> orderer.createGenesis(f.genesis())).isInstanceOf(IllegalArgumentException.class);
        orderer.close();
        SubmitResult r = result(orderer.submit(f.submission(f.siteA, 1)));
        assertThat(r.reason()).isEqualTo(RejectReason.UNAVAILABLE);
    }
}
