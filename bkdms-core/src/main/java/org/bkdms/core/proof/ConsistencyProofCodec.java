package org.bkdms.core.proof;

import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;

/**
 * DER codec of a Merkle consistency proof:
 *
 * <pre>
 * ConsistencyProof ::= SEQUENCE {
 *     version  INTEGER (1),
 *     oldSize  INTEGER,
 *     newSize  INTEGER,
 *     path     SEQUENCE SIZE (0..64) OF OCTET STRING (SIZE (32)) }
 * </pre>
 *
 * The sizes are tree sizes, so the decoder accepts them in 0 to 2<sup>63</sup>&nbsp;&minus;&nbsp;1
 * (the range of a {@code long}) and refuses negative or larger values. Whether {@code oldSize} is
 * positive and at most {@code newSize}, and whether the path has the right length, is for {@link
 * MerkleProofs#verifyConsistency} to judge. Stateless and thread-safe.
 */
public final class ConsistencyProofCodec {
    /** The only version defined. */
    public static final int VERSION = 1;
    /**
     * Length of the largest valid encoding, in octets; {@link #decode(byte[])} refuses longer input
     * before parsing. Outer and path SEQUENCE headers (4 each), version (3), two INTEGERs of up to
     * 8 content octets (10 each) and 64 OCTET STRINGs of 32 octets (34 each).
     */
    public static final int MAX_ENCODED_LENGTH = 4 + 3 + 10 + 10 + 4
            + MerkleProofs.MAX_PATH_LENGTH * (2 + MerkleTree.HASH_LENGTH);

    private ConsistencyProofCodec() {
    }

    /**
     * @param proof the proof
     * @return its DER encoding
     * @throws ValidationException if the path has more than {@value MerkleProofs#MAX_PATH_LENGTH} hashes
     *     or a hash not of {@value MerkleTree#HASH_LENGTH} octets
     */
    public static byte[] encode(ConsistencyProof proof) {
        return new DerWriter().sequence(w -> {
            w.integer(VERSION);
            w.integer(proof.oldSize());
            w.integer(proof.newSize());
            HashPaths.write(w, proof.pathView());
        }).toByteArray();
    }

    /**
     * @param der a DER-encoded {@code ConsistencyProof}
     * @return the proof, not yet verified
     * @throws DecodeException if the bytes are not the canonical encoding of a {@code ConsistencyProof}
     *     within the limits above
     */
    public static ConsistencyProof decode(byte[] der) {
        DerReader r = DerReader.openVersioned(der, MAX_ENCODED_LENGTH, VERSION, "consistency proof");
        long oldSize = r.readLong(0, Long.MAX_VALUE, "oldSize");
        long newSize = r.readLong(0, Long.MAX_VALUE, "newSize");
        ConsistencyProof proof = new ConsistencyProof(oldSize, newSize, HashPaths.read(r));
        r.expectEnd();
        return proof;
    }
}
