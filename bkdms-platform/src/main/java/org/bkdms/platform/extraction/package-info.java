/**
 * Y.4907 clause 8.3, "Storage and retrieval": following each blockchain platform's block stream,
 * verifying every block and envelope, and turning committed packets into Table 10-3 rows.
 */
package org.bkdms.platform.extraction;
