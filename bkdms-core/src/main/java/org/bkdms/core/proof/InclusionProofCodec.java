package org.bkdms.core.proof;

import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * DER codec of a Merkle audit path:
 *
 * <pre>
 * InclusionProof ::= SEQUENCE {
 *     version    INTEGER (1),
 *     leafIndex  INTEGER (0..MAX),
 *     treeSize   INTEGER (1..MAX),
 *     path       SEQUENCE SIZE (0..64) OF OCTET STRING (SIZE (32)) }
 * </pre>
 *
 * {@code MAX} is 2<sup>63</sup>&nbsp;&minus;&nbsp;1, the largest {@code long}. The decoder enforces
 * exactly these constraints and no more: whether {@code leafIndex < treeSize} and the path has the
 * right length is for {@link MerkleProofs#verifyInclusion} to judge. Stateless and thread-safe.
 */
public final class InclusionProofCodec {
    /** The only version defined. */
    public static final int VERSION = 1;
    /**
     * Length of the largest valid encoding, in octets; {@link #decode(byte[])} refuses longer input
     * before parsing. Outer and path SEQUENCE headers (4 each), version (3), two INTEGERs of up to
     * 8 content octets (10 each) and 64 OCTET STRINGs of 32 octets (34 each).
     */
    public static final int MAX_ENCODED_LENGTH = 4 + 3 + 10 + 10 + 4
            + MerkleProofs.MAX_PATH_LENGTH * (2 + MerkleTree.HASH_LENGTH);

    private InclusionProofCodec() {
    }

    /**
     * @param proof the proof
     * @return its DER encoding
     * @throws ValidationException if the proof has no encoding: tree size 0, more than
     *     {@value MerkleProofs#MAX_PATH_LENGTH} hashes, or a hash not of {@value MerkleTree#HASH_LENGTH} octets
     */
    public static byte[] encode(InclusionProof proof) {
        if (proof.treeSize() < 1) {
            throw new ValidationException(Violation.INVALID_FIELD, "tree size " + proof.treeSize()
                    + " has no encoding; it must be at least 1");
        }
        return new DerWriter().sequence(w -> {
            w.integer(VERSION);
            w.integer(proof.leafIndex());
            w.integer(proof.treeSize());
            HashPaths.write(w, proof.pathView());
        }).toByteArray();
    }

    /**
     * @param der a DER-encoded {@code InclusionProof}
     * @return the proof, not yet verified
     * @throws DecodeException if the bytes are not the canonical encoding of an {@code InclusionProof}
     *     within the limits above
     */
    public static InclusionProof decode(byte[] der) {
        DerReader r = DerReader.openVersioned(der, MAX_ENCODED_LENGTH, VERSION, "inclusion proof");
        long leafIndex = r.readLong(0, Long.MAX_VALUE, "leafIndex");
        long treeSize = r.readLong(1, Long.MAX_VALUE, "treeSize");
        InclusionProof proof = new InclusionProof(leafIndex, treeSize, HashPaths.read(r));
        r.expectEnd();
        return proof;
    }
}
