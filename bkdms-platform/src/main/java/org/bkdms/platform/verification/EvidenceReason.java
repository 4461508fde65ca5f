package org.bkdms.platform.verification;

/**
 * Why a packet that the chain committed failed a check at the smart city platform. Each submission
 * that fails is kept as evidence with one of these reasons and counted by it; none is dropped.
 */
public enum EvidenceReason {
    /** The submission's packet is not a canonical DER {@code KpiPacket}. */
    MALFORMED_PACKET,
    /** The packet's crypto suite is not one the platform supports. */
    UNSUPPORTED_SUITE,
    /** The packet is encrypted to a platform key the platform's keystore does not hold. */
    UNKNOWN_PLATFORM_KEY,
    /** The packet names a signing key the site's registry entry did not hold at that height. */
    UNKNOWN_SIGNER_KEY,
    /** The site's signature over the packet digest does not verify. */
    SIGNATURE_INVALID,
    /** The ciphertext does not decrypt with the platform key it names. */
    DECRYPTION_FAILED,
    /** The decrypted record does not hash to the signed digest. */
    DIGEST_MISMATCH,
    /** The decrypted record carries no salt, so its signed digest could reveal its values. */
    UNSALTED_RECORD,
    /** The decrypted octets are not a canonical unified KPI record. */
    MALFORMED_RECORD,
    /** The record names a different site from the one that submitted it. */
    SITE_MISMATCH,
    /** The record's sequence number differs from the submission's. */
    SEQUENCE_MISMATCH,
    /** The KPI code, unit, series or a value breaks the KPI catalogue. */
    CATALOGUE_VIOLATION
}
