/**
 * Y.4907 clause 10.1, the unified KPI data structure (Table 10-1): country/region, city, site ID,
 * time, KPI data, length and extending, with their DER codec. This is the "normalization" that
 * sampling sites perform (clause 7.2.1).
 */
package org.bkdms.core.record;
