/**
 * The ledger node: chain, contracts and orderer wired together behind the operations transports
 * and the embedded default use.
 */
package org.bkdms.ledger.node;
