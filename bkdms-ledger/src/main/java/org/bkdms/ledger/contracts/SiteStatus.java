package org.bkdms.ledger.contracts;

/** The state of a sampling site in the registry. */
public enum SiteStatus {
    /** Its submissions are accepted. */
    ACTIVE,
    /** Its submissions are refused until an admin reinstates it. */
    SUSPENDED,
    /** Its submissions are refused for good. */
    REVOKED
}
