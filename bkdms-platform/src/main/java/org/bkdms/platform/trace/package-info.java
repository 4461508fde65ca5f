/**
 * Y.4907 clause 7.2.3 and Appendix I, tracing: from a tracing code to the site, the registry state,
 * the block, the position, the verified inclusion proof and the check code of a stored record.
 */
package org.bkdms.platform.trace;
