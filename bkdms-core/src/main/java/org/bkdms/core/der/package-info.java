/**
 * A strict Distinguished Encoding Rules (ITU-T X.690) reader and writer for the universal types
 * BKDMS structures use. Only canonical encodings are accepted; see docs/decisions/0001.
 */
package org.bkdms.core.der;
