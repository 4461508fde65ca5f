package org.bkdms.ledger.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.proof.InclusionProof;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.BlockLog;
import org.bkdms.ledger.chain.BlockListener;
import org.bkdms.ledger.chain.Chain;
import org.bkdms.ledger.chain.TxLocation;
import org.bkdms.ledger.consensus.OrderingService;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.TxId;

/**
 * A node of the blockchain platform: its block log, verified chain, smart contracts and orderer
 * behind the operations that transports (gRPC) and the embedded default use. Runs the same code
 * in its own process ({@code bkdms node start}) and inside one JVM with the other roles.
 *
 * <p>Thread-safe.
 */
public final class LedgerNode implements AutoCloseable {
    private final Chain chain;
    private final OrderingService orderer;
    private final NodeMetrics metrics = new NodeMetrics();
    /**
     * The last blocks read for inclusion proofs: a pipelining site asks for the proof of every
     * submission of a block in turn, and decoding and hashing the whole block for each of them made
     * serving proofs quadratic in the block size. Committed blocks never change, so no invalidation.
     */
    private final Map<Long, Block> recentBlocks = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
            return size() > RECENT_BLOCKS;
        }
    };
    private static final int RECENT_BLOCKS = 4;

    /**
     * Opens a node over a block log: verifies and replays the whole log, then starts ordering.
     *
     * @param log the node's block log (its own data directory)
     * @param state an empty contract state
     * @param settings how the orderer cuts and signs blocks
     * @return the running node
     * @throws IOException if the log cannot be read
     * @throws org.bkdms.ledger.chain.ChainException if the log does not verify
     */
    public static LedgerNode open(BlockLog log, ContractState state, SoloOrderer.Settings settings) throws IOException {
        Chain chain = Chain.open(log, state);
        return new LedgerNode(chain, new SoloOrderer(chain, state, settings));
    }

    /**
     * Runs a node over a chain and an ordering service that share the chain's contract state: the
     * way a cluster node is put together ({@code org.bkdms.ledger.cluster}).
     *
     * @param chain the node's chain
     * @param orderer its ordering service
     * @return the node
     */
    public static LedgerNode of(Chain chain, OrderingService orderer) {
        return new LedgerNode(chain, orderer);
    }

    private LedgerNode(Chain chain, OrderingService orderer) {
        this.chain = Objects.requireNonNull(chain);
        this.orderer = Objects.requireNonNull(orderer);
    }

    /**
     * Creates the genesis block if the chain is empty; does nothing on a chain that has one. A
     * cluster node proposes it instead: the block is final once a quorum of nodes signed it.
     *
     * @param genesis the genesis transactions signed by the smart city platform's admin key
     * @return whether the chain had no genesis block
     * @throws IOException if the block log cannot be written
     */
    public boolean initialize(List<LedgerTransaction> genesis) throws IOException {
        return orderer.initialize(genesis);
    }

    /**
     * Submits an encoded transaction from an untrusted source. Malformed bytes are a typed
     * rejection, never an exception.
     *
     * @param encoded the DER {@code LedgerTransaction}
     * @return its outcome; COMMITTED only once its block is durable
     */
    public CompletableFuture<SubmitResult> submit(byte[] encoded) {
        LedgerTransaction tx;
        try {
            tx = LedgerTransaction.decode(encoded);
        } catch (BkdmsException e) {
            metrics.rejected(RejectReason.MALFORMED);
            return CompletableFuture.completedFuture(new SubmitResult(TxId.of(encoded), SubmitResult.Status.REJECTED, -1, -1,
                    RejectReason.MALFORMED, e.getMessage()));
        }
        return submit(tx);
    }

    /**
     * @param tx a decoded transaction
     * @return its outcome; COMMITTED only once its block is durable
     */
    public CompletableFuture<SubmitResult> submit(LedgerTransaction tx) {
        return orderer.submit(tx).whenComplete((r, e) -> {
            if (r != null) {
                metrics.outcome(r);
            }
        });
    }

    /**
     * @param id a transaction id
     * @return where it was committed, if it was
     */
    public Optional<TxLocation> find(TxId id) {
        return chain.find(id);
    }

    /**
     * @param id a committed transaction
     * @return its inclusion proof in its block's Merkle tree, with the block
     * @throws IOException if the block cannot be read
     */
    public Optional<ProvenTransaction> proven(TxId id) throws IOException {
        Optional<TxLocation> loc = chain.find(id);
        if (loc.isEmpty()) {
            return Optional.empty();
        }
        Block block = recentBlock(loc.get().height());
        return Optional.of(new ProvenTransaction(block.transactions().get(loc.get().index()), loc.get(), block.header(),
                block.inclusionProof(loc.get().index())));
    }

    private Block recentBlock(long height) throws IOException {
        synchronized (recentBlocks) {
            Block cached = recentBlocks.get(height);
            if (cached != null) {
                return cached;
            }
        }
        Block block = chain.block(height);
        synchronized (recentBlocks) {
            recentBlocks.put(height, block);
        }
        return block;
    }

    /**
     * @param height a committed height
     * @return the block
     * @throws IOException if it cannot be read
     */
    public Block block(long height) throws IOException {
        return chain.block(height);
    }

    /**
     * @param listener receives every block committed from now on (use {@link #block} to catch up first)
     */
    public void follow(BlockListener listener) {
        chain.addListener(listener);
    }

    /**
     * @param listener a listener passed to {@link #follow}
     */
    public void unfollow(BlockListener listener) {
        chain.removeListener(listener);
    }

    /**
     * Queries the smart contracts' state consistently with ordering. History queries ("at height
     * N") go through the state's {@code ...At} methods.
     *
     * @param <T> result type
     * @param query a read-only query
     * @return its result
     */
    public <T> T query(Function<ContractState, T> query) {
        return orderer.read(query);
    }

    /** @return the node's status */
    public NodeStatus status() {
        return new NodeStatus(chain.chainId(), chain.height(), chain.transactions(), chain.sizeBytes(),
                orderer.pendingCount(), metrics.snapshot());
    }

    /** @return the ordering service: the single-node orderer or a cluster's consensus */
    public OrderingService orderer() {
        return orderer;
    }

    /** @return the chain, for the node's own tools */
    public Chain chain() {
        return chain;
    }

    /** Cuts the pending block now. */
    public void flush() {
        orderer.flush();
    }

    @Override
    public void close() throws IOException {
        orderer.close();
        chain.close();
    }

    /**
     * A committed transaction with the proof that its block holds it.
     *
     * @param transaction the transaction
     * @param location where it lies
     * @param header its block's header (carrying the Merkle root)
     * @param proof RFC 6962 audit path from the transaction to the root
     */
    public record ProvenTransaction(LedgerTransaction transaction, TxLocation location,
            org.bkdms.ledger.block.BlockHeader header, InclusionProof proof) {
    }
}
