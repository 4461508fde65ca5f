package org.bkdms.ledger.block;

import java.util.Arrays;
import java.util.Objects;
import org.bkdms.core.crypto.KeyId;

/**
 * A node's signature over a block header's DER encoding.
 *
 * @param nodeId the signing node
 * @param keyId id of its block-signing key
 * @param signature the signature
 */
public record NodeSignature(String nodeId, KeyId keyId, byte[] signature) {
    /**
     * Checks the parts and copies the signature.
     *
     * @param nodeId see {@link #nodeId()}
     * @param keyId see {@link #keyId()}
     * @param signature see {@link #signature()}
     */
    public NodeSignature {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(keyId, "keyId");
        signature = signature.clone();
    }

    /** @return a copy of the signature */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSignature s && nodeId.equals(s.nodeId) && keyId.equals(s.keyId)
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, keyId, Arrays.hashCode(signature));
    }
}
