/**
 * Consensus behind one interface (Y.4907 clause 9, Supplement 62 clause 7.2.2): the single-node
 * orderer now, a multi-node cluster later, ordering accepted transactions into blocks per
 * processing time period.
 */
package org.bkdms.ledger.consensus;
