/**
 * The block log of the blockchain platform (Y.4907 clause 9, storage of the consensus accounting
 * nodes): an append-only, crash-safe sequence of blocks whose byte ranges are the "Block
 * recorder" of the KPI data storage structure (Y.4907 Table 10-3).
 *
 * <p>{@link org.bkdms.ledger.blocklog.BlockLog} is the interface the rest of the ledger uses.
 * {@link org.bkdms.ledger.blocklog.FileBlockLog} keeps the blocks in one file, {@code blocks.log},
 * framed as {@link org.bkdms.ledger.blocklog.BlockLogFormat} describes, so that an independent
 * auditor holding only that file and a {@link org.bkdms.ledger.blocklog.BlockPosition} can read the
 * block at exactly {@code [offset, offset + length)}; {@link
 * org.bkdms.ledger.blocklog.MemoryBlockLog} hands out the same positions without a file, for tests
 * of other components.
 *
 * <p>Durability contract, shared by every implementation that claims to be crash-safe: a block
 * whose {@code append} returned MUST survive a crash of the process or of the machine at any
 * later instant; a block whose {@code append} did not return MAY survive, so callers MUST NOT
 * assume it is absent after a restart. The file format and recovery rules are in {@code
 * docs/BLOCKLOG.md}.
 */
package org.bkdms.ledger.blocklog;
