/**
 * The bkdms command line (picocli): one entry point for every role and tool of BKDMS.
 */
package org.bkdms.app;
