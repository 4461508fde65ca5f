package org.bkdms.platform.verification;

import java.util.Objects;
import org.bkdms.core.packet.OpenedPacket;

/**
 * The outcome of checking one committed packet at the platform: the opened packet, or the reason
 * it failed.
 */
public sealed interface VerificationOutcome {

    /**
     * The packet decrypted and every check passed.
     *
     * @param opened the verified record
     */
    record Verified(OpenedPacket opened) implements VerificationOutcome {
        /**
         * Checks the part.
         *
         * @param opened see {@link #opened()}
         */
        public Verified {
            Objects.requireNonNull(opened, "opened");
        }
    }

    /**
     * A check failed.
     *
     * @param reason which check
     * @param detail what exactly, for the evidence table
     */
    record Failed(EvidenceReason reason, String detail) implements VerificationOutcome {
        /**
         * Checks the parts and bounds the detail to what the evidence table holds.
         *
         * @param reason see {@link #reason()}
         * @param detail see {@link #detail()}
         */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        }
    }
}
