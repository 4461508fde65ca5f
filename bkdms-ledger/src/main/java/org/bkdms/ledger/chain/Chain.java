package org.bkdms.ledger.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.BlockLog;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.blocklog.LoggedBlock;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.MisbehaviourReport;
import org.bkdms.ledger.tx.TxId;

/**
 * The committed chain of one node: the block log, the indexes (transaction id to block, position and
 * byte ranges; site to its transactions), and the listeners that follow new blocks. Opening a chain verifies and replays the
 * whole log from genesis into the contract state, so a node never serves a chain it has not
 * checked.
 *
 * <p>Thread-safety: {@link #commit} is called by one orderer at a time; lookups may run
 * concurrently from any thread.
 */
public final class Chain implements AutoCloseable {
    private final BlockLog log;
    private final Map<TxId, TxLocation> txIndex = new ConcurrentHashMap<>();
    private final Map<SiteId, List<TxId>> siteIndex = new ConcurrentHashMap<>();
    private final List<byte[]> hashes = new ArrayList<>();
    private final CopyOnWriteArrayList<BlockListener> listeners = new CopyOnWriteArrayList<>();
    private volatile long height;
    private volatile Instant lastTime;
    private volatile String chainId;
    private long transactions;

    private Chain(BlockLog log) {
        this.log = log;
    }

    /**
     * Opens a chain over a block log, verifying every block and replaying it into {@code state}.
     *
     * @param log the node's block log
     * @param state an empty contract state
     * @return the chain
     * @throws IOException if the log cannot be read
     * @throws ChainException if a block does not verify or replay
     */
    public static Chain open(BlockLog log, ContractState state) throws IOException {
        Chain chain = new Chain(Objects.requireNonNull(log, "log"));
        ChainVerifier verifier = new ChainVerifier(state, null);
        try {
            for (Iterator<LoggedBlock> it = log.iterator(0); it.hasNext();) {
                LoggedBlock logged = it.next();
                chain.index(verifier.verify(logged.bytes(), logged.position()), logged.position());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return chain;
    }

    /**
     * Attaches an empty chain to a block log without replaying it, for a cluster node that
     * re-derives its blocks from the replicated log: each block the log already holds is adopted
     * by {@link #commit} after a byte-for-byte comparison with the block the cluster finalized.
     *
     * @param log the node's block log
     * @return the chain, at height 0
     */
    public static Chain attach(BlockLog log) {
        return new Chain(Objects.requireNonNull(log, "log"));
    }

    /**
     * Appends a block that the caller has built on the current head and whose transactions the
     * contract state has already accepted. The block is durable when this returns. On a chain made
     * by {@link #attach}, a block that the block log already holds at that height is adopted
     * instead, if the stored octets are exactly the block's.
     *
     * @param block the next block
     * @return where it lies in the block log
     * @throws IOException if the block log cannot be written; the node MUST then stop ordering
     * @throws ChainException if the block log holds different octets at that height (it was
     *     altered); the node MUST then stop
     */
    public synchronized BlockPosition commit(Block block) throws IOException {
        if (block.height() != height) {
            throw new IllegalStateException("next block must have height " + height + ", not " + block.height());
        }
        if (height > 0 && !Arrays.equals(block.header().previousHash(), hashes.get((int) height - 1))) {
            throw new IllegalStateException("block " + height + " does not link to the head");
        }
        BlockPosition position;
        if (log.height() > height) {
            position = log.position(height);
            byte[] stored;
            try {
                stored = log.read(height);
            } catch (org.bkdms.core.error.BkdmsException e) {
                throw new ChainException(height, position.offset(), "the block log cannot be read back: " + e.getMessage());
            }
            if (!Arrays.equals(stored, block.encoded())) {
                throw new ChainException(height, position.offset(), "the block log holds a different block than the one "
                        + "the cluster finalized at this height: it was altered");
            }
        } else {
            position = log.append(block.encoded());
        }
        index(block, position);
        for (BlockListener l : listeners) {
            l.committed(block, position);
        }
        return position;
    }

    private void index(Block block, BlockPosition position) {
        for (int i = 0; i < block.transactions().size(); i++) {
            LedgerTransaction tx = block.transactions().get(i);
            TxId id = tx.id();
            txIndex.put(id, new TxLocation(id, block.height(), i, position, block.txSpan(i), block.packetSpan(i).orElse(null)));
            SiteId site = tx.body() instanceof KpiSubmission s ? s.siteId()
                    : tx.body() instanceof MisbehaviourReport r ? r.siteId() : null;
            if (site != null) {
                siteIndex.computeIfAbsent(site, k -> Collections.synchronizedList(new ArrayList<>())).add(id);
            }
        }
        if (block.height() == 0) {
            chainId = block.header().chainId();
        }
        hashes.add(block.hash());
        transactions += block.transactions().size();
        lastTime = block.header().time();
        height = block.height() + 1;
    }

    /**
     * @param listener called for every block committed from now on
     */
    public void addListener(BlockListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * @param listener a listener added before
     */
    public void removeListener(BlockListener listener) {
        listeners.remove(listener);
    }

    /**
     * @param id a transaction id
     * @return where the transaction was committed, if it was
     */
    public Optional<TxLocation> find(TxId id) {
        return Optional.ofNullable(txIndex.get(id));
    }

    /**
     * @param site a site
     * @return the committed transactions about the site (its submissions and misbehaviour reports), in chain order
     */
    public List<TxId> transactionsOf(SiteId site) {
        List<TxId> ids = siteIndex.get(site);
        if (ids == null) {
            return List.of();
        }
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }

    /**
     * @param blockHeight a committed height
     * @return the block, read back from the block log
     * @throws IOException if the log cannot be read
     */
    public Block block(long blockHeight) throws IOException {
        return Block.decode(log.read(blockHeight));
    }

    /**
     * @param blockHeight a committed height
     * @return where the block lies in the block log
     */
    public BlockPosition position(long blockHeight) {
        return log.position(blockHeight);
    }

    /** @return number of blocks in the block log, which exceeds {@link #height()} while an attached chain adopts them */
    public long storedHeight() {
        return log.height();
    }

    /** @return number of committed blocks (the next block's height) */
    public long height() {
        return height;
    }

    /** @return the head block's hash, or the genesis "previous hash" (zeros) for an empty chain */
    public synchronized byte[] headHash() {
        return hashes.isEmpty() ? new byte[32] : hashes.get(hashes.size() - 1).clone();
    }

    /** @return the head block's time, or {@code null} for an empty chain */
    public Instant headTime() {
        return lastTime;
    }

    /** @return the chain id from genesis, or {@code null} for an empty chain */
    public String chainId() {
        return chainId;
    }

    /** @return committed transactions */
    public synchronized long transactions() {
        return transactions;
    }

    /** @return size of the block log in octets */
    public long sizeBytes() {
        return log.sizeBytes();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
