package org.bkdms.ledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bkdms.core.proof.MerkleProofs;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.blocklog.MemoryBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.junit.jupiter.api.Test;

/** Inclusion proofs served by a node: right for every transaction, whether its block is among the recently read or not. */
class LedgerNodeProofTest {

    @Test
    void everySubmissionOfManyBlocksGetsAProofOfItsOwnBlockInAnyOrder() throws Exception {
        LedgerFixture f = new LedgerFixture(1_000_000);
        try (LedgerNode node = LedgerNode.open(new MemoryBlockLog(), f.newState(), new SoloOrderer.Settings(LedgerFixture.CHAIN_ID,
                LedgerFixture.NODE_ID, f.node, Duration.ofHours(1), 1000, 1 << 22, Clock.systemUTC()))) {
            node.initialize(f.genesis());
            List<LedgerTransaction> txs = new ArrayList<>();
            int seq = 0;
            // ten blocks of 1 to 10 submissions: more blocks than the node keeps at hand, odd and even sizes
            for (int b = 1; b <= 10; b++) {
                List<CompletableFuture<SubmitResult>> pending = new ArrayList<>();
                for (int i = 0; i < b; i++) {
                    LedgerTransaction tx = f.submission(f.siteA, ++seq);
                    txs.add(tx);
                    pending.add(node.submit(tx));
                }
                node.flush();
                for (CompletableFuture<SubmitResult> p : pending) {
                    assertThat(p.get().status()).isEqualTo(SubmitResult.Status.COMMITTED);
                }
            }
            // first in order (each block read once, then served from memory), then backwards and again (evicted, read again)
            List<LedgerTransaction> order = new ArrayList<>(txs);
            List<LedgerTransaction> backwards = new ArrayList<>(txs);
            Collections.reverse(backwards);
            order.addAll(backwards);
            order.addAll(txs);
            for (LedgerTransaction tx : order) {
                LedgerNode.ProvenTransaction p = node.proven(tx.id()).orElseThrow();
                assertThat(p.transaction().encoded()).isEqualTo(tx.encoded());
                assertThat(p.header()).isEqualTo(node.block(p.location().height()).header());
                assertThat(MerkleProofs.verifyInclusion(MerkleTree.leafHash(tx.encoded()), p.proof(), p.header().merkleRoot()))
                        .as("proof of %s", tx.id()).isTrue();
            }
            assertThat(node.proven(f.submission(f.siteA, 999).id())).isEmpty();
        }
    }
}
