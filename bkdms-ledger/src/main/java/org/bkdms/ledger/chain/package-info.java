/**
 * The committed chain of a node: verification and replay from genesis, the transaction index, and
 * block listeners (the block stream the smart city platform extracts from).
 */
package org.bkdms.ledger.chain;
