package org.bkdms.ledger.tx;

import java.time.Instant;
import java.util.Objects;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * An administrative transaction of the smart city platform, signed with its admin key.
 *
 * @param nonce strictly increasing per chain, so an admin transaction cannot be replayed
 * @param issuedAt when the platform issued it
 * @param action what it does
 */
public record AdminTransaction(long nonce, Instant issuedAt, AdminAction action) implements TxBody {
    /**
     * Checks the parts.
     *
     * @param nonce see {@link #nonce()}
     * @param issuedAt see {@link #issuedAt()}
     * @param action see {@link #action()}
     */
    public AdminTransaction {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(action, "action");
        if (nonce < 1) {
            throw new ValidationException(Violation.INVALID_FIELD, "admin nonce must be positive");
        }
    }

    @Override
    public int choice() {
        return 1;
    }

    @Override
    public void writeTo(DerWriter w) {
        w.sequence(s -> s.integer(1).integer(nonce).generalizedTime(issuedAt)
                .explicit(action.choice(), action::writeContent));
    }

    static AdminTransaction readFrom(DerReader r) {
        VersionCheck.require(r, "admin transaction");
        long nonce = r.readLong(1, Long.MAX_VALUE, "nonce");
        Instant at = r.readGeneralizedTime("issuedAt");
        AdminAction action = AdminAction.readFrom(r);
        r.expectEnd();
        return new AdminTransaction(nonce, at, action);
    }
}
