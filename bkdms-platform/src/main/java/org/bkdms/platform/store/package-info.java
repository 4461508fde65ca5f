/**
 * Y.4907 clause 8.3 "Storage and retrieval" and clause 10.3 (Table 10-3): the platform database
 * (JDBC, HikariCP, Flyway migrations; H2 embedded by default, PostgreSQL in production), the
 * storage records with their tracing and check codes, the decrypted observations, the evidence of
 * records that failed a check, and the extraction cursor of each chain.
 */
package org.bkdms.platform.store;
