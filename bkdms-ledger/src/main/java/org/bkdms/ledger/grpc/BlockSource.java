package org.bkdms.ledger.grpc;

import java.io.IOException;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.chain.BlockListener;
import org.bkdms.ledger.node.LedgerNode;

/** What a block stream reads: committed blocks by height, and news of each new one. */
interface BlockSource {

    /** @return committed blocks (the next block's height) */
    long height();

    /**
     * @param height a committed height
     * @return the block, read from the log
     * @throws IOException if it cannot be read
     */
    Block block(long height) throws IOException;

    /**
     * @param height a committed height
     * @return where the block lies in the block log
     */
    BlockPosition position(long height);

    /** @param listener to call with every block committed from now on */
    void follow(BlockListener listener);

    /** @param listener a listener passed to {@link #follow} */
    void unfollow(BlockListener listener);

    static BlockSource of(LedgerNode node) {
        return new BlockSource() {
            @Override
            public long height() {
                return node.chain().height();
            }

            @Override
            public Block block(long height) throws IOException {
                return node.block(height);
            }

            @Override
            public BlockPosition position(long height) {
                return node.chain().position(height);
            }

            @Override
            public void follow(BlockListener listener) {
                node.follow(listener);
            }

            @Override
            public void unfollow(BlockListener listener) {
                node.unfollow(listener);
            }
        };
    }
}
