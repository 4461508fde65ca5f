package org.bkdms.core.error;

import java.util.Objects;

/**
 * A packet could not be opened or its proof of origin does not hold: wrong key, altered bytes,
 * bad signature. The packet must be kept as evidence and never used as data.
 */
public final class VerificationException extends BkdmsException {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    /**
     * @param failure which check failed
     * @param message one line naming what failed
     */
    public VerificationException(Failure failure, String message) {
        this(failure, message, null);
    }

    /**
     * @param failure which check failed
     * @param message one line naming what failed
     * @param cause underlying failure
     */
    public VerificationException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** @return the check that failed */
    public Failure failure() {
        return failure;
    }

    @Override
    public String reasonCode() {
        return failure.name();
    }

    /** The checks applied when a packet is opened. */
    public enum Failure {
        /** The packet names a crypto suite this build does not support. */
        UNSUPPORTED_SUITE,
        /** The packet was encrypted to a key the opener does not hold. */
        UNKNOWN_RECIPIENT_KEY,
        /** The signer key id does not match the key given to verify with. */
        UNKNOWN_SIGNER_KEY,
        /** HPKE decryption failed: wrong private key or altered ciphertext, enc or header. */
        DECRYPTION_FAILED,
        /** The decrypted record does not hash to the digest the site signed. */
        DIGEST_MISMATCH,
        /** The site's signature over the digest does not verify. */
        SIGNATURE_INVALID,
        /** The record carries no random salt, so its digest would leak the values. */
        UNSALTED_RECORD
    }
}
