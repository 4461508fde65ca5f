package org.bkdms.ledger.chain;

import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.block.Block;

/** Receives every block once it is committed (durable and final). */
@FunctionalInterface
public interface BlockListener {
    /**
     * Called in height order from the committing thread; MUST return quickly and MUST NOT throw.
     *
     * @param block the block
     * @param position where it lies in the block log
     */
    void committed(Block block, BlockPosition position);
}
