/**
 * Key storage: PKCS#12 keystores and PEM files for the keys of sites and the smart city platform
 * (Y.4907 clause 8.1 "Storing local public and private keys", clause 8.3 key management).
 */
package org.bkdms.core.keys;
