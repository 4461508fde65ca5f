package org.bkdms.ledger.cluster;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.block.NodeSignature;
import org.bkdms.ledger.chain.Chain;
import org.bkdms.ledger.chain.ChainException;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.Verdict;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.TxId;

/**
 * The deterministic heart of a cluster node: applies the entries of the replicated log, in log
 * order, to the node's chain and contract state. Every node applies the same entries and so builds
 * the same blocks; the only input that differs between nodes is each node's own signature.
 *
 * <ul>
 *   <li>{@link ClusterEntry.Transactions}: transactions wait in a pool (malformed ones and those
 *       already on chain are decided at once).</li>
 *   <li>{@link ClusterEntry.Cut}: if no block is waiting for signatures, the oldest pooled
 *       transactions are checked against this node's contracts at the proposed block time (never
 *       earlier than the head's); the accepted ones form the next block, the rest are rejected.
 *       The node then asks for its own signature over the header ({@link Listener#sign}).</li>
 *   <li>{@link ClusterEntry.Vote}: a member's signature that verifies over this node's own header
 *       counts; one that does not (the member built a different block) is ignored and counted as
 *       a disagreement. The block becomes final, and is committed to the block log, when the
 *       chain's quorum of members has signed it; its signatures are the first quorum votes in log
 *       order, so every node writes the same bytes.</li>
 *   <li>{@link ClusterEntry.Genesis}: on an empty chain only, and only if it is exactly the genesis
 *       this node was configured with, it becomes block 0 awaiting signatures like any block.</li>
 * </ul>
 *
 * <p>A leader therefore cannot make final a transaction that a quorum of nodes refuses: those
 * nodes leave it out of their header, and signatures over a header with it do not verify over
 * theirs. One block at a time waits for signatures; cuts proposed meanwhile are ignored.
 *
 * <p>After a restart the node re-applies the whole log; blocks its block log already holds are
 * adopted when the log finalizes them again, after a byte-for-byte comparison (see
 * {@link Chain#attach}). A difference means the block log was altered: {@link #apply} throws
 * {@link ChainException} and the node MUST stop (fail-stop), as it does on any error of its block
 * log.
 *
 * <p>Thread-safe: every method synchronizes on this object; run queries through {@link #read}.
 */
public final class ReplicatedLedger {
    private static final Logger LOG = Logger.getLogger(ReplicatedLedger.class.getName());

    /** What the ledger tells its node. Called while the ledger's lock is held: MUST NOT block. */
    public interface Listener {
        /**
         * The fate of a transaction is known: committed in a final block, duplicate, or rejected.
         *
         * @param result the outcome
         */
        void decided(SubmitResult result);

        /**
         * This node built the block {@code header} and should sign it and append its vote.
         *
         * @param header the header to sign
         */
        void sign(BlockHeader header);

        /**
         * A block became final and durable.
         *
         * @param block the block
         */
        default void finalized(Block block) {
        }
    }

    /** How the node checks a transaction for the block being built; the contracts in production. */
    @FunctionalInterface
    public interface Validator {
        /** The smart contracts' own check. */
        Validator CONTRACTS = ContractState::check;

        /**
         * @param state the contract state
         * @param tx the transaction
         * @param height the block it would go into
         * @param blockTime that block's time
         * @return the verdict
         */
        Verdict check(ContractState state, LedgerTransaction tx, long height, Instant blockTime);
    }

    private final Chain chain;
    private final String chainId;
    private final ContractState state;
    private final List<byte[]> expectedGenesis;
    private final Validator validator;
    private final Listener listener;
    private final LinkedHashMap<TxId, LedgerTransaction> pool = new LinkedHashMap<>();
    private long poolOctets;
    private Pending pending;
    private long disagreements;
    private long malformedEntries;
    private ChainException failure;

    private static final class Pending {
        final BlockHeader header;
        final byte[] encodedHeader;
        final List<LedgerTransaction> txs;
        final Map<TxId, Integer> index = new java.util.HashMap<>();
        final Map<String, NodeSignature> votes = new LinkedHashMap<>();
        final Map<String, SuitePublicKey> members;
        final int quorum;

        Pending(BlockHeader header, List<LedgerTransaction> txs, Map<String, SuitePublicKey> members, int quorum) {
            this.members = Map.copyOf(members);
            this.quorum = quorum;
            this.header = header;
            this.encodedHeader = header.encode();
            this.txs = List.copyOf(txs);
            for (int i = 0; i < txs.size(); i++) {
                index.put(txs.get(i).id(), i);
            }
        }
    }

    /**
     * @param chain the node's chain, attached to its block log ({@link Chain#attach}) and empty
     * @param chainId the chain id written into the genesis block; all nodes of a cluster MUST be
     *     configured with the same one
     * @param state an empty contract state
     * @param expectedGenesis the genesis transactions this node was configured with, or
     *     {@code null} to accept the first well-formed genesis entry (a node joining an existing
     *     chain without its genesis file)
     * @param validator how transactions are checked; {@link Validator#CONTRACTS} except in fault tests
     * @param listener receives the outcomes
     */
    public ReplicatedLedger(Chain chain, String chainId, ContractState state, List<LedgerTransaction> expectedGenesis, Validator validator,
            Listener listener) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.state = Objects.requireNonNull(state, "state");
        this.expectedGenesis = expectedGenesis == null ? null : expectedGenesis.stream().map(LedgerTransaction::encoded).toList();
        this.validator = Objects.requireNonNull(validator, "validator");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Applies the next entry of the replicated log.
     *
     * @param entry the entry
     * @throws IOException if the block log cannot be written; the node MUST stop
     * @throws ChainException if the block log holds a block other than the one the cluster
     *     finalized at that height; the node MUST stop
     */
    public synchronized void apply(ClusterEntry entry) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            if (entry instanceof ClusterEntry.Transactions t) {
                transactions(t);
            } else if (entry instanceof ClusterEntry.Cut c) {
                cut(c);
            } else if (entry instanceof ClusterEntry.Vote v) {
                vote(v);
            } else {
                genesis((ClusterEntry.Genesis) entry);
            }
        } catch (ChainException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Applies an entry as read from the log, counting (and otherwise ignoring) one that does not
     * decode: every node skips it alike.
     *
     * @param der the entry's encoding
     * @throws IOException see {@link #apply(ClusterEntry)}
     */
    public synchronized void apply(byte[] der) throws IOException {
        ClusterEntry entry;
        try {
            entry = ClusterEntry.decode(der);
        } catch (BkdmsException e) {
            malformedEntries++;
            LOG.warning("ignoring a malformed cluster log entry: " + e.getMessage());
            return;
        }
        apply(entry);
    }

    private void transactions(ClusterEntry.Transactions t) {
        for (byte[] der : t.transactions()) {
            LedgerTransaction tx;
            try {
                tx = LedgerTransaction.decode(der);
            } catch (BkdmsException e) {
                listener.decided(new SubmitResult(TxId.of(der), SubmitResult.Status.REJECTED, -1, -1, RejectReason.MALFORMED,
                        e.getMessage()));
                continue;
            }
            TxId id = tx.id();
            var onChain = chain.find(id);
            if (onChain.isPresent()) {
                listener.decided(new SubmitResult(id, SubmitResult.Status.DUPLICATE, onChain.get().height(), onChain.get().index(),
                        null, null));
            } else if (!pool.containsKey(id) && (pending == null || !pending.index.containsKey(id))) {
                pool.put(id, tx);
                poolOctets += tx.size();
            }
        }
    }

    private void cut(ClusterEntry.Cut c) {
        if (pending != null || pool.isEmpty() || !state.established()) {
            return;
        }
        long height = chain.height();
        Instant time = blockTime(c.time());
        // the members before this block sign it; a membership change in it counts from the next block
        Map<String, SuitePublicKey> members = Map.copyOf(state.nodes());
        int quorum = state.quorum();
        List<LedgerTransaction> accepted = new ArrayList<>();
        Iterator<LedgerTransaction> it = pool.values().iterator();
        for (int taken = 0; taken < c.count() && it.hasNext(); taken++) {
            LedgerTransaction tx = it.next();
            it.remove();
            poolOctets -= tx.size();
            Verdict v = validator.check(state, tx, height, time);
            if (v.isAccepted()) {
                state.apply(tx, height, time);
                accepted.add(tx);
            } else {
                listener.decided(new SubmitResult(tx.id(), SubmitResult.Status.REJECTED, -1, -1, v.reason(), v.message()));
            }
        }
        if (!accepted.isEmpty()) {
            propose(new BlockHeader(chain.chainId() != null ? chain.chainId() : chainId, height, chain.headHash(), time, accepted.size(), Block.merkleRoot(accepted),
                    c.proposer()), accepted, members, quorum);
        }
    }

    private Instant blockTime(Instant proposed) {
        Instant t = proposed.truncatedTo(ChronoUnit.MILLIS);
        Instant head = chain.headTime();
        return head != null && !t.isAfter(head) ? head.plusMillis(1) : t;
    }

    private void genesis(ClusterEntry.Genesis g) {
        if (chain.height() != 0 || pending != null || state.established()) {
            return;
        }
        if (expectedGenesis != null && !sameOctets(expectedGenesis, g.transactions())) {
            LOG.severe("ignoring a genesis proposed by " + g.proposer() + ": it differs from this node's genesis file");
            return;
        }
        List<LedgerTransaction> txs = new ArrayList<>();
        for (byte[] der : g.transactions()) {
            try {
                txs.add(LedgerTransaction.decode(der));
            } catch (BkdmsException e) {
                LOG.severe("ignoring a genesis proposed by " + g.proposer() + ": " + e.getMessage());
                return;
            }
        }
        Instant time = g.time().truncatedTo(ChronoUnit.MILLIS);
        for (LedgerTransaction tx : txs) {
            Verdict v = state.checkAndApply(tx, 0, time);
            if (!v.isAccepted()) {
                // the state is now partly established; it cannot be undone, so this node cannot join the chain
                throw new ChainException(0, 0, "genesis transaction " + tx.id() + " refused: " + v);
            }
        }
        propose(new BlockHeader(chainId, 0, BlockHeader.GENESIS_PREVIOUS, time, txs.size(), Block.merkleRoot(txs), g.proposer()),
                txs, state.nodes(), state.quorum());
    }

    private static boolean sameOctets(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void propose(BlockHeader header, List<LedgerTransaction> txs, Map<String, SuitePublicKey> members, int quorum) {
        pending = new Pending(header, txs, members, quorum);
        // a block the block log already holds is being re-derived after a restart: it was signed long ago
        if (chain.storedHeight() <= header.height()) {
            listener.sign(header);
        }
    }

    private void vote(ClusterEntry.Vote v) throws IOException {
        Pending p = pending;
        if (p == null || v.height() != p.header.height()) {
            return;
        }
        NodeSignature s = v.signature();
        SuitePublicKey key = p.members.get(s.nodeId());
        if (key == null || !key.keyId().equals(s.keyId()) || p.votes.containsKey(s.nodeId())) {
            return;
        }
        if (!key.suite().verify(key, p.encodedHeader, s.signature())) {
            disagreements++;
            LOG.warning("node " + s.nodeId() + " signed a different block " + v.height() + " than this node built; its vote does not count");
            return;
        }
        p.votes.put(s.nodeId(), s);
        if (p.votes.size() >= p.quorum) {
            finalizeBlock(p);
        }
    }

    private void finalizeBlock(Pending p) throws IOException {
        Block block = Block.assemble(p.header, p.txs, new ArrayList<>(p.votes.values()));
        chain.commit(block);
        pending = null;
        for (int i = 0; i < p.txs.size(); i++) {
            listener.decided(new SubmitResult(p.txs.get(i).id(), SubmitResult.Status.COMMITTED, block.height(), i, null, null));
        }
        listener.finalized(block);
    }

    /**
     * Runs a read-only query against the contract state, serialized with the log's application.
     *
     * @param <T> the result type
     * @param query the query; MUST NOT modify the state
     * @return its result
     */
    public synchronized <T> T read(java.util.function.Function<ContractState, T> query) {
        return query.apply(state);
    }

    /**
     * Checks a new submission against the contract state, unless this replica already holds the
     * same transaction undecided (waiting for a cut, or in the block waiting for votes). Such a
     * transaction has already been applied to the state, so checking it again would call an honest
     * resubmission after a failover a replay; its fate is the one the log decides.
     *
     * @param tx the submission
     * @param time the time to check at
     * @return the verdict, or empty when the transaction is already undecided in the log
     */
    public synchronized java.util.Optional<Verdict> precheck(LedgerTransaction tx, Instant time) {
        TxId id = tx.id();
        if (pool.containsKey(id) || (pending != null && pending.index.containsKey(id))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(state.check(tx, chain.height(), time));
    }

    /** @return transactions waiting for a cut */
    public synchronized int poolSize() {
        return pool.size();
    }

    /** @return octets of the transactions waiting for a cut */
    public synchronized long poolOctets() {
        return poolOctets;
    }

    /**
     * @param maxTransactions most transactions a block may hold
     * @param maxOctets about the most octets of transactions a block may hold
     * @return how many of the oldest pooled transactions the next cut should take (at least one
     *     if any is pooled)
     */
    public synchronized int cutSize(int maxTransactions, long maxOctets) {
        int n = 0;
        long octets = 0;
        for (LedgerTransaction tx : pool.values()) {
            if (n >= maxTransactions || (n > 0 && octets + tx.size() > maxOctets)) {
                break;
            }
            n++;
            octets += tx.size();
        }
        return n;
    }

    /** @return whether a block is waiting for signatures */
    public synchronized boolean blockPending() {
        return pending != null;
    }

    /** @return transactions in the pool and in the block waiting for signatures */
    public synchronized int pendingCount() {
        return pool.size() + (pending == null ? 0 : pending.txs.size());
    }

    /** @return whether the chain has its genesis block or one is waiting for signatures */
    public synchronized boolean hasGenesis() {
        return chain.height() > 0 || pending != null;
    }

    /** @return votes over a different header than this node built, since start */
    public synchronized long disagreements() {
        return disagreements;
    }

    /** @return log entries that did not decode, since start */
    public synchronized long malformedEntries() {
        return malformedEntries;
    }

    /** @return why this node stopped applying the log, if it did */
    public synchronized java.util.Optional<ChainException> failure() {
        return java.util.Optional.ofNullable(failure);
    }
}
