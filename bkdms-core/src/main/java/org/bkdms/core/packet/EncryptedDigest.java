package org.bkdms.core.packet;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bkdms.core.crypto.KeyId;

/**
 * The "Encrypted digest" part of a packet (Y.4907 Table 10-2): the digest of the salted unified KPI
 * record and the sampling site's signature binding it to the encrypted KPI data. The record's
 * random salt keeps the digest from revealing the values; see {@code docs/FORMAT.md}.
 *
 * @param signerKeyId id of the site's signing key
 * @param digest SHA-256 of the DER record (which carries a salt)
 * @param signature the site's signature over the {@code DigestToBeSigned} structure
 */
public record EncryptedDigest(KeyId signerKeyId, byte[] digest, byte[] signature) {
    /**
     * Checks and normalizes the parts.
     *
     * @param signerKeyId see {@link #signerKeyId()}
     * @param digest see {@link #digest()}
     * @param signature see {@link #signature()}
     */
    public EncryptedDigest {
        Objects.requireNonNull(signerKeyId, "signerKeyId");
        digest = digest.clone();
        signature = signature.clone();
    }

    /** @return a copy of the digest octets */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** @return a copy of the signature octets */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedDigest e && signerKeyId.equals(e.signerKeyId) && Arrays.equals(digest, e.digest)
                && Arrays.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signerKeyId, Arrays.hashCode(digest), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "EncryptedDigest{signer=" + signerKeyId + ", digest=" + HexFormat.of().formatHex(digest)
                + ", signature=" + signature.length + " octets}";
    }
}
