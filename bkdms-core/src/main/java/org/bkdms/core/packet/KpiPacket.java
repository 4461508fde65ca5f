package org.bkdms.core.packet;

import java.util.Objects;

/**
 * The encrypted unified KPI data packet of Y.4907 Table 10-2, as a sampling site uploads it.
 *
 * @param suiteId number of the crypto suite that protects it
 * @param encryptedKpiData the record, encrypted to the smart city platform
 * @param encryptedDigest the salted digest and the site's signature
 */
public record KpiPacket(int suiteId, EncryptedKpiData encryptedKpiData, EncryptedDigest encryptedDigest) {
    /**
     * Checks and normalizes the parts.
     *
     * @param suiteId see {@link #suiteId()}
     * @param encryptedKpiData see {@link #encryptedKpiData()}
     * @param encryptedDigest see {@link #encryptedDigest()}
     */
    public KpiPacket {
        Objects.requireNonNull(encryptedKpiData, "encryptedKpiData");
        Objects.requireNonNull(encryptedDigest, "encryptedDigest");
    }
}
