package org.bkdms.ledger.grpc;

import java.util.Locale;
import java.util.Optional;

/**
 * The role of a caller of the ledger's network API, named by the organizational unit (OU) of its
 * TLS certificate's subject. The smart city platform's CA issues every certificate and so decides
 * each peer's role.
 */
public enum PeerRole {
    /** A sampling site (KPI processing module); its certificate also carries its Site ID. */
    SITE("site"),
    /** The smart city platform (KPI management module): admin transactions and extraction. */
    PLATFORM("platform"),
    /** Another consensus accounting node of the same chain. */
    NODE("node"),
    /** An auditor: reads everything, submits nothing. */
    AUDITOR("auditor");

    private final String organizationalUnit;

    PeerRole(String organizationalUnit) {
        this.organizationalUnit = organizationalUnit;
    }

    /** @return the OU value that grants this role, in lower case */
    public String organizationalUnit() {
        return organizationalUnit;
    }

    /**
     * Looks a role up by OU value. The match ignores case, as X.520 {@code caseIgnoreMatch} does
     * for organizationalUnitName.
     *
     * @param ou an OU attribute value
     * @return the role it names, if any
     */
    public static Optional<PeerRole> ofOrganizationalUnit(String ou) {
        String key = ou.trim().toLowerCase(Locale.ROOT);
        for (PeerRole r : values()) {
            if (r.organizationalUnit.equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
