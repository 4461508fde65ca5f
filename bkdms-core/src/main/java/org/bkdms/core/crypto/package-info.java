/**
 * Named crypto suites (HPKE per RFC 9180, a signature scheme and a hash) behind one interface, and
 * the key types bound to them. Primitives come from Bouncy Castle and the JDK only.
 */
package org.bkdms.core.crypto;
