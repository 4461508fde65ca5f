package org.bkdms.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.blocklog.MemoryBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private LedgerFixture f;
    private MemoryBlockLog log;

    @BeforeEach
    void buildChain() throws Exception {
        f = new LedgerFixture();
        log = new MemoryBlockLog();
        var state = f.newState();
        Chain chain = Chain.open(log, state);
        try (SoloOrderer orderer = new SoloOrderer(chain, state, new SoloOrderer.Settings(LedgerFixture.CHAIN_ID,
                LedgerFixture.NODE_ID, f.node, Duration.ofHours(1), 100, 1 << 20,
                new LedgerFixture.TestClock(Instant.parse("2026-03-01T08:00:00Z"))))) {
            orderer.createGenesis(f.genesis());
            orderer.submit(f.submission(f.siteA, 1));
            orderer.flush();
        }
    }

    private ChainVerifier verifiedGenesis() throws Exception {
        ChainVerifier v = new ChainVerifier(f.newState(), LedgerFixture.CHAIN_ID);
        v.verify(log.read(0), log.position(0));
        return v;
    }

    @Test
    void flippingAnyBitOfABlockIsDetectedAndNamesTheBlock() throws Exception {
        byte[] block = log.read(1);
        BlockPosition position = log.position(1);
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < block.length; i++) {
            byte[] tampered = block.clone();
            tampered[i] ^= (byte) (1 << (i % 8));
            Throwable t = catchThrowable(() -> verifiedGenesis().verify(tampered, position));
            if (!(t instanceof ChainException c) || c.height() != 1) {
                missed.add(i + ": " + t);
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void aBlockThatDoesNotLinkOrIsSignedByAStrangerIsRefused() throws Exception {
        Block original = Block.decode(log.read(1));
        BlockHeader h = original.header();
        BlockHeader unlinked = new BlockHeader(h.chainId(), 1, new byte[32], h.time(), h.txCount(), h.merkleRoot(), h.proposer());
        Block relinked = Block.sign(unlinked, original.transactions(), LedgerFixture.NODE_ID, f.node);
        assertThatThrownBy(() -> verifiedGenesis().verify(relinked.encoded(), log.position(1)))
                .isInstanceOf(ChainException.class).hasMessageContaining("previous hash");

        SuitePrivateKey stranger = f.suite.generate(KeyPurpose.SIGNING);
        Block foreign = Block.sign(h, original.transactions(), LedgerFixture.NODE_ID, stranger);
        assertThatThrownBy(() -> verifiedGenesis().verify(foreign.encoded(), log.position(1)))
                .isInstanceOf(ChainException.class).hasMessageContaining("not a node of this chain");
    }

    @Test
    void aBlockWithATransactionTheContractsRefuseFailsReplayEvenIfWellSigned() throws Exception {
        Block original = Block.decode(log.read(1));
        // a replay of the same sequence number, put into a correctly built and signed block
        List<LedgerTransaction> txs = new ArrayList<>(original.transactions());
        txs.add(f.submission(f.siteA, 1));
        BlockHeader h = original.header();
        BlockHeader header = new BlockHeader(h.chainId(), 1, h.previousHash(), h.time(), txs.size(), Block.merkleRoot(txs),
                h.proposer());
        Block bad = Block.sign(header, txs, LedgerFixture.NODE_ID, f.node);
        assertThatThrownBy(() -> verifiedGenesis().verify(bad.encoded(), log.position(1)))
                .isInstanceOf(ChainException.class).hasMessageContaining("refused on replay").hasMessageContaining("REPLAY");
    }
}
