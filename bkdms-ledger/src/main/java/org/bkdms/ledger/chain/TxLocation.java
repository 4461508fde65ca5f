package org.bkdms.ledger.chain;

import java.util.Optional;
import org.bkdms.ledger.block.Span;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.tx.TxId;

/**
 * Where a committed transaction lies: block, index, and byte ranges. For a KPI submission the
 * packet's range plus the block's position give the Y.4907 Table 10-3 data and block recorders.
 *
 * @param id the transaction
 * @param height its block
 * @param index its position in the block
 * @param block the block's payload in the block log
 * @param tx the transaction inside the block's encoding
 * @param packet the submitted packet inside the block's encoding, or {@code null} for other transactions
 */
public record TxLocation(TxId id, long height, int index, BlockPosition block, Span tx, Span packet) {

    /** @return the packet span, for KPI submissions */
    public Optional<Span> packetSpan() {
        return Optional.ofNullable(packet);
    }
}
