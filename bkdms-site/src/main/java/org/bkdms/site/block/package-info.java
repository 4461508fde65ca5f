/**
 * Block capability (Y.4907 clauses 8.1 and 9): sealing records into packets for the platform's
 * current key, wrapping them in signed, sequence-numbered submissions, and uploading them to the
 * blockchain platform in order, exactly once, with verified inclusion proofs.
 */
package org.bkdms.site.block;
