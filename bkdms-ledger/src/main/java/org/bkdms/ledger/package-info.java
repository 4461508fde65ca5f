/**
 * The blockchain platform of Y.4907 (clause 9 and Appendix I): a permissioned ledger node that
 * authenticates sampling sites, validates submissions against the smart contracts the smart city
 * platform deployed, orders them into blocks per processing time period, and keeps the chain
 * tamper-evident and queryable.
 */
package org.bkdms.ledger;
