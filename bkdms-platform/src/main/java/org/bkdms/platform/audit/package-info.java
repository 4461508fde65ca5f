/**
 * Y.4907 Appendix I, auditing: re-verifies every chain and every stored Table 10-3 row against it.
 */
package org.bkdms.platform.audit;
