/**
 * Y.4907 clause 10.2, encryption of unified KPI data (Table 10-2): sealing a record into a packet
 * at the sampling site (encrypted KPI data plus signed, salted digest) and opening it at the smart
 * city platform. The exact construction is in docs/FORMAT.md.
 */
package org.bkdms.core.packet;
