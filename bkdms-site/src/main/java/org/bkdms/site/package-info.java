/**
 * The sampling site of BKDMS, the KPI processing module of ITU-T Y.4907 (clauses 7.2.2, 8.1 and
 * 9). {@link org.bkdms.site.SamplingSite} wires the four capabilities of clause 8.1: collection,
 * computing, storage and block.
 */
package org.bkdms.site;
