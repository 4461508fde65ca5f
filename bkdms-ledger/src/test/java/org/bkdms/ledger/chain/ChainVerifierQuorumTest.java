package org.bkdms.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.block.NodeSignature;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.junit.jupiter.api.Test;

/** Only final blocks verify: a quorum of distinct members named in genesis must have signed each one. */
class ChainVerifierQuorumTest {
    private final LedgerFixture f = new LedgerFixture();
    private final List<SuitePrivateKey> nodes = List.of(f.suite.generate(KeyPurpose.SIGNING), f.suite.generate(KeyPurpose.SIGNING),
            f.suite.generate(KeyPurpose.SIGNING), f.suite.generate(KeyPurpose.SIGNING));

    private List<LedgerTransaction> genesis(int quorum) {
        GenesisBuilder b = GenesisBuilder.signedBy(f.admin).issuedAt(Instant.parse("2026-01-01T00:00:00Z")).quorum(quorum)
                .contracts(new AdminAction.DeployContracts(1, 65536, 100, 60, 3, List.of(1, 2)));
        for (int i = 0; i < nodes.size(); i++) {
            b.node("node-" + i, nodes.get(i).publicKey());
        }
        return b.build();
    }

    private static Block signedBy(List<LedgerTransaction> txs, List<SuitePrivateKey> keys, int... signers) {
        BlockHeader h = new BlockHeader(LedgerFixture.CHAIN_ID, 0, BlockHeader.GENESIS_PREVIOUS, Instant.parse("2026-01-01T00:00:00Z"),
                txs.size(), Block.merkleRoot(txs), "node-0");
        List<NodeSignature> sigs = new ArrayList<>();
        for (int i : signers) {
            sigs.add(new NodeSignature("node-" + i, keys.get(i).keyId(), keys.get(i).suite().sign(keys.get(i), h.encode())));
        }
        return Block.assemble(h, txs, sigs);
    }

    private void verify(Block block) {
        new ChainVerifier(f.newState(), LedgerFixture.CHAIN_ID).verify(block.encoded(), new BlockPosition(org.bkdms.ledger.blocklog.BlockLogFormat.FIRST_PAYLOAD_OFFSET, block.size()));
    }

    @Test
    void theDefaultQuorumOfFourNodesIsThree() {
        List<LedgerTransaction> txs = genesis(0);
        verify(signedBy(txs, nodes, 0, 1, 2));
        verify(signedBy(txs, nodes, 3, 1, 0, 2));
        assertThatThrownBy(() -> verify(signedBy(txs, nodes, 0, 1))).isInstanceOf(ChainException.class)
                .hasMessageContaining("not final: 2 node signature(s), the chain's quorum is 3 of 4");
    }

    @Test
    void aNodeSigningTwiceCountsOnce() {
        List<LedgerTransaction> txs = genesis(0);
        assertThatThrownBy(() -> verify(signedBy(txs, nodes, 0, 1, 1))).isInstanceOf(ChainException.class)
                .hasMessageContaining("signed twice");
    }

    @Test
    void anExplicitQuorumInGenesisIsWhatCounts() {
        List<LedgerTransaction> txs = genesis(4);
        assertThatThrownBy(() -> verify(signedBy(txs, nodes, 0, 1, 2))).isInstanceOf(ChainException.class)
                .hasMessageContaining("quorum is 4");
        verify(signedBy(txs, nodes, 0, 1, 2, 3));
    }

    @Test
    void genesisRefusesAMinorityQuorum() {
        assertThatThrownBy(() -> genesis(2)).hasMessageContaining("majority");
        assertThat(AdminAction.EstablishChain.defaultQuorum(1)).isEqualTo(1);
        assertThat(AdminAction.EstablishChain.defaultQuorum(3)).isEqualTo(3);
        assertThat(AdminAction.EstablishChain.defaultQuorum(7)).isEqualTo(5);
    }

    @Test
    void theQuorumSurvivesEncodingOfTheGenesisTransaction() {
        LedgerTransaction establish = genesis(4).get(0);
        var decoded = (org.bkdms.ledger.tx.AdminTransaction) LedgerTransaction.decode(establish.encoded()).body();
        assertThat(((AdminAction.EstablishChain) decoded.action()).quorum()).isEqualTo(4);
        var defaulted = (org.bkdms.ledger.tx.AdminTransaction) LedgerTransaction.decode(genesis(0).get(0).encoded()).body();
        assertThat(((AdminAction.EstablishChain) defaulted.action()).quorum()).isZero();
    }
}
