package org.bkdms.ledger.chain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.block.NodeSignature;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.Verdict;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * Verifies blocks one after another from genesis: decoding, height, hash link, Merkle root, node
 * signatures from the chain's genesis (a quorum of distinct members, so only final blocks pass), and replay of every transaction through the contracts,
 * which must accept each one. Used by a node when it opens its log and by {@code verify-chain}.
 * Not thread-safe; feed blocks in order.
 */
public final class ChainVerifier {
    private final ContractState state;
    private final String chainId;
    private long nextHeight;
    private byte[] previousHash = BlockHeader.GENESIS_PREVIOUS;
    private java.time.Instant previousTime;
    private long transactions;

    /**
     * @param state an empty contract state, which the verifier fills by replaying
     * @param chainId the expected chain id, or {@code null} to take it from genesis
     */
    public ChainVerifier(ContractState state, String chainId) {
        this.state = Objects.requireNonNull(state, "state");
        this.chainId = chainId;
    }

    /**
     * Verifies the next block and applies its transactions to the state.
     *
     * @param encoded the block as stored
     * @param position where it lies in the block log
     * @return the decoded block
     * @throws ChainException naming the block, byte offset and the first problem found
     */
    public Block verify(byte[] encoded, BlockPosition position) {
        long at = position.offset();
        Block block;
        try {
            block = Block.decode(encoded);
        } catch (BkdmsException e) {
            throw new ChainException(nextHeight, at, "does not decode: " + e.getMessage());
        }
        BlockHeader h = block.header();
        if (h.height() != nextHeight) {
            throw new ChainException(nextHeight, at, "header says height " + h.height());
        }
        if (chainId != null && !chainId.equals(h.chainId())) {
            throw new ChainException(nextHeight, at, "chain id " + h.chainId() + ", expected " + chainId);
        }
        if (!Arrays.equals(previousHash, h.previousHash())) {
            throw new ChainException(nextHeight, at, "previous hash " + HexFormat.of().formatHex(h.previousHash())
                    + " does not match block " + (nextHeight - 1) + "'s hash " + HexFormat.of().formatHex(previousHash));
        }
        if (previousTime != null && h.time().isBefore(previousTime)) {
            throw new ChainException(nextHeight, at, "time " + h.time() + " is before the previous block's " + previousTime);
        }
        if (!block.merkleRootMatches()) {
            throw new ChainException(nextHeight, at, "Merkle root does not match the transactions");
        }
        // a block is signed by the members in force before it; only genesis names its own signers
        java.util.Map<String, SuitePublicKey> members = h.height() == 0 ? null : java.util.Map.copyOf(state.nodes());
        int quorum = state.quorum();
        List<LedgerTransaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            Verdict v = state.checkAndApply(txs.get(i), h.height(), h.time());
            if (!v.isAccepted()) {
                throw new ChainException(nextHeight, at + block.txSpan(i).offset(), "transaction " + i + " ("
                        + txs.get(i).id() + ") is refused on replay: " + v);
            }
        }
        // genesis names the nodes, so its signatures are checked after its transactions are applied
        checkSignatures(block, at, members != null ? members : state.nodes(), members != null ? quorum : state.quorum());
        previousHash = block.hash();
        previousTime = h.time();
        transactions += txs.size();
        nextHeight++;
        return block;
    }

    private static void checkSignatures(Block block, long at, java.util.Map<String, SuitePublicKey> members, int quorum) {
        if (block.signatures().isEmpty()) {
            throw new ChainException(block.height(), at, "no node signature");
        }
        byte[] header = block.header().encode();
        java.util.Set<String> signers = new java.util.HashSet<>();
        for (NodeSignature s : block.signatures()) {
            SuitePublicKey key = members.get(s.nodeId());
            if (key == null || !key.keyId().equals(s.keyId())) {
                throw new ChainException(block.height(), at, "signed by " + s.nodeId() + " (key " + s.keyId()
                        + "), which is not a node of this chain");
            }
            if (!key.suite().verify(key, header, s.signature())) {
                throw new ChainException(block.height(), at, "node signature of " + s.nodeId() + " does not verify");
            }
            if (!signers.add(s.nodeId())) {
                throw new ChainException(block.height(), at, "node " + s.nodeId() + " signed twice");
            }
        }
        // a block is final only with a quorum of the members (named in genesis, changed by admin transactions)
        if (signers.size() < quorum) {
            throw new ChainException(block.height(), at, "not final: " + signers.size() + " node signature(s), the chain's quorum is "
                    + quorum + " of " + members.size());
        }
    }

    /** @return the height the next block must have (= blocks verified so far) */
    public long nextHeight() {
        return nextHeight;
    }

    /** @return the hash of the last verified block */
    public byte[] lastHash() {
        return previousHash.clone();
    }

    /** @return the time of the last verified block, or {@code null} before genesis */
    public java.time.Instant lastTime() {
        return previousTime;
    }

    /** @return transactions verified so far */
    public long transactions() {
        return transactions;
    }
}
