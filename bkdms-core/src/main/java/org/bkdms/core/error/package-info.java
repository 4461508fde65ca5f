/**
 * The typed errors of BKDMS. Expected rejections of bad input are {@link
 * org.bkdms.core.error.DecodeException} (malformed bytes), {@link
 * org.bkdms.core.error.ValidationException} (a rule of the data model broken) and {@link
 * org.bkdms.core.error.VerificationException} (a packet that fails a cryptographic check); each
 * carries a stable reason code for counting.
 */
package org.bkdms.core.error;
