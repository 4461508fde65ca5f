/**
 * Y.4907 clause 10.3, the data structure for KPI data storage (Table 10-3): data recorder, block
 * recorder, city data, chain ID, tracing code and check code, with their DER codec.
 */
package org.bkdms.core.storage;
