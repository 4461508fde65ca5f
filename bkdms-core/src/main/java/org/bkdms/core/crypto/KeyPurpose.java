package org.bkdms.core.crypto;

/** What a key is for. A key is never used for both. */
public enum KeyPurpose {
    /** Signing (sites' digests, the platform's administrative transactions). */
    SIGNING,
    /** Receiving HPKE-encrypted KPI data (the smart city platform). */
    ENCRYPTION
}
