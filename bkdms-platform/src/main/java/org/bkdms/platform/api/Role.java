package org.bkdms.platform.api;

/**
 * What a user of the REST API may do. Each role includes what the roles before it may do, except
 * that an auditor may not change site permissions.
 */
public enum Role {
    /** Reads records, KPIs, sites and traces (without decrypted records). */
    VIEWER,
    /** Also reads evidence, runs audits and sees decrypted records in traces. */
    AUDITOR,
    /** Also suspends and reinstates sites. */
    OPERATOR,
    /** Also registers, revokes and re-keys sites and rotates the platform key. */
    ADMIN;

    /**
     * @param needed the role an operation needs
     * @return whether this role may perform it
     */
    public boolean allows(Role needed) {
        if (this == needed || this == ADMIN) {
            return true;
        }
        return switch (needed) {
            case VIEWER -> true;
            case AUDITOR -> this == OPERATOR;
            case OPERATOR, ADMIN -> false;
        };
    }
}
