/**
 * Blocks: header, transactions and node signatures; Merkle roots and inclusion proofs over the
 * transactions (RFC 6962); the spans that locate every transaction and packet inside a block.
 */
package org.bkdms.ledger.block;
