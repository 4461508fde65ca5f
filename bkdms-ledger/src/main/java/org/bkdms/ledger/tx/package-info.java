/**
 * Ledger transactions: a sampling site's signed KPI submission around a Y.4907 Table 10-2 packet,
 * the smart city platform's signed administrative transactions that deploy and drive the smart
 * contracts, and nodes' misbehaviour reports. The wire format is docs/asn1/BKDMS-LEDGER.asn.
 */
package org.bkdms.ledger.tx;
