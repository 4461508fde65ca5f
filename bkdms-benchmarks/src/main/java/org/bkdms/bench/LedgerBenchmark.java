package org.bkdms.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.chain.ChainVerifier;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.Verdict;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ledger's per-transaction costs, suite 1:
 *
 * <ul>
 *   <li>{@link #checkSubmission()}: the smart contracts' acceptance rules for one KPI submission
 *       (registry lookup, envelope signature, sequence, rate, packet decode, packet signature, key
 *       directory) — the bound on what one ordering thread accepts per second;</li>
 *   <li>{@link #verifyBlockOf1000()}: decoding, Merkle root, node signature and contract replay of a
 *       block of 1000 submissions — what {@code verify-chain} and a restarting node do per block
 *       (divide the score's time by 1000 for the cost per transaction).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class LedgerBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int BLOCK_SIZE = 1000;

    private final CryptoSuites suites = CryptoSuites.standard();
    private final KpiCatalogue catalogue = KpiCatalogue.u4ssc();
    private List<LedgerTransaction> genesis;
    private Block genesisBlock;
    private Block block;
    private ContractState checked;
    private LedgerTransaction nextSubmission;
    private ChainVerifier verifierAfterGenesis;

    /** Creates the benchmark state; the data is built in {@link #setUp()}. */
    public LedgerBenchmark() {
    }

    /** Builds a genesis with one site, 1000 sealed submissions of that site, and their block. */
    @Setup(Level.Trial)
    public void setUp() {
        CryptoSuite suite = suites.defaultSuite();
        SuitePrivateKey admin = suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey node = suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey platform = suite.generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey siteKey = suite.generate(KeyPurpose.SIGNING);
        SiteId site = SiteId.parse("10.20.0.7");
        genesis = GenesisBuilder.signedBy(admin).issuedAt(T0).node("node-1", node.publicKey())
                .contracts(new AdminAction.DeployContracts(1, 65536, 1_000_000, 60, 10, List.of(1, 2)))
                .platformKey(platform.publicKey()).site(site, "bench site", siteKey.publicKey()).build();
        genesisBlock = Block.sign(new BlockHeader("bkdms://bench", 0, BlockHeader.GENESIS_PREVIOUS, T0, genesis.size(),
                Block.merkleRoot(genesis), "node-1"), genesis, "node-1", node);
        PacketSealer sealer = new PacketSealer(platform.publicKey(), siteKey);
        UnifiedKpiRecord base = SampleRecords.singleValue(false);
        List<LedgerTransaction> txs = new ArrayList<>();
        for (int seq = 1; seq <= BLOCK_SIZE + 1; seq++) {
            UnifiedKpiRecord r = new UnifiedKpiRecord(base.countryRegion(), base.city(), site, base.time(), base.kpiData(),
                    Extending.empty().withSequenceNumber(seq));
            txs.add(LedgerTransaction.sign(new KpiSubmission(site, seq, T0.plusSeconds(seq), sealer.seal(r).encoded()),
                    siteKey));
        }
        nextSubmission = txs.remove(txs.size() - 1);
        Instant t1 = T0.plusSeconds(1);
        block = Block.sign(new BlockHeader("bkdms://bench", 1, genesisBlock.hash(), t1, txs.size(), Block.merkleRoot(txs),
                "node-1"), txs, "node-1", node);
        checked = newState();
        for (LedgerTransaction tx : genesis) {
            require(checked.checkAndApply(tx, 0, T0));
        }
        for (LedgerTransaction tx : txs) {
            require(checked.checkAndApply(tx, 1, t1));
        }
    }

    private ContractState newState() {
        return new ContractState(suites, catalogue);
    }

    private static void require(Verdict v) {
        if (!v.isAccepted()) {
            throw new IllegalStateException("benchmark data refused: " + v);
        }
    }

    /** A verifier that has verified genesis into a fresh state, for each block verification. */
    @Setup(Level.Invocation)
    public void freshState() {
        verifierAfterGenesis = new ChainVerifier(newState(), "bkdms://bench");
        verifierAfterGenesis.verify(genesisBlock.encoded(), new BlockPosition(20, genesisBlock.size()));
    }

    /** @return the contracts' verdict on the next submission (the state is not changed) */
    @Benchmark
    public Verdict checkSubmission() {
        return checked.check(nextSubmission, 2, T0.plusSeconds(2));
    }

    /** @return the verified block of 1000 submissions, replayed into a state holding genesis */
    @Benchmark
    public Block verifyBlockOf1000() {
        return verifierAfterGenesis.verify(block.encoded(), new BlockPosition(40 + genesisBlock.size(), block.size()));
    }
}
