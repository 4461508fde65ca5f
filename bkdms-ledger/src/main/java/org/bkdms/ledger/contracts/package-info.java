/**
 * The smart contracts of the blockchain platform (Y.4907 Appendix I), which the smart city platform
 * deploys with administrative transactions: site registry with full history, acceptance rules,
 * platform key directory, collection policy and misbehaviour record (Supplement 62 clause 9.3).
 */
package org.bkdms.ledger.contracts;
