package org.bkdms.core.packet;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bkdms.core.crypto.KeyId;

/**
 * The "Encrypted KPI data" part of a packet (Y.4907 Table 10-2): the DER unified KPI record
 * encrypted with HPKE to the smart city platform's key named by {@link #recipientKeyId()}.
 *
 * @param recipientKeyId id of the platform encryption key
 * @param enc HPKE encapsulated key
 * @param ciphertext HPKE ciphertext (record plus AEAD tag)
 */
public record EncryptedKpiData(KeyId recipientKeyId, byte[] enc, byte[] ciphertext) {
    /**
     * Checks and normalizes the parts.
     *
     * @param recipientKeyId see {@link #recipientKeyId()}
     * @param enc see {@link #enc()}
     * @param ciphertext see {@link #ciphertext()}
     */
    public EncryptedKpiData {
        Objects.requireNonNull(recipientKeyId, "recipientKeyId");
        enc = enc.clone();
        ciphertext = ciphertext.clone();
    }

    /** @return a copy of the enc octets */
    @Override
    public byte[] enc() {
        return enc.clone();
    }

    /** @return a copy of the ciphertext octets */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedKpiData e && recipientKeyId.equals(e.recipientKeyId) && Arrays.equals(enc, e.enc)
                && Arrays.equals(ciphertext, e.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipientKeyId, Arrays.hashCode(enc), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "EncryptedKpiData{recipient=" + recipientKeyId + ", enc=" + HexFormat.of().formatHex(enc)
                + ", ciphertext=" + ciphertext.length + " octets}";
    }
}
