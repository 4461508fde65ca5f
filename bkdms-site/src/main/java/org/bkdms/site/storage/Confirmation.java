package org.bkdms.site.storage;

import java.util.Objects;

/**
 * The chain's confirmation of an outbox entry, as the site verified and keeps it.
 *
 * @param height the block holding the transaction
 * @param index the transaction's position in that block
 * @param blockHeader the DER block header whose Merkle root the proof leads to
 * @param inclusionProof the DER inclusion proof
 */
public record Confirmation(long height, int index, byte[] blockHeader, byte[] inclusionProof) {
    /**
     * Checks and copies the parts.
     *
     * @param height see {@link #height()}
     * @param index see {@link #index()}
     * @param blockHeader see {@link #blockHeader()}
     * @param inclusionProof see {@link #inclusionProof()}
     */
    public Confirmation {
        blockHeader = Objects.requireNonNull(blockHeader, "blockHeader").clone();
        inclusionProof = Objects.requireNonNull(inclusionProof, "inclusionProof").clone();
    }

    /** @return a copy of the DER block header */
    @Override
    public byte[] blockHeader() {
        return blockHeader.clone();
    }

    /** @return a copy of the DER inclusion proof */
    @Override
    public byte[] inclusionProof() {
        return inclusionProof.clone();
    }
}
