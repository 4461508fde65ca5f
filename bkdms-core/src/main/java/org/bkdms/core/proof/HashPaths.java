package org.bkdms.core.proof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/** Value semantics and the DER form shared by the paths of both proof types. */
final class HashPaths {
    private HashPaths() {
    }

    /** @return an unmodifiable deep copy, so that neither caller nor holder can change the other's arrays */
    static List<byte[]> copyOf(List<byte[]> path) {
        Objects.requireNonNull(path, "path");
        List<byte[]> copy = new ArrayList<>(path.size());
        for (byte[] h : path) {
            copy.add(Objects.requireNonNull(h, "path element").clone());
        }
        return Collections.unmodifiableList(copy);
    }

    static boolean equal(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hash(List<byte[]> path) {
        int h = 1;
        for (byte[] e : path) {
            h = 31 * h + Arrays.hashCode(e);
        }
        return h;
    }

    static String toString(List<byte[]> path) {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < path.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(hex.formatHex(path.get(i)));
        }
        return sb.append(']').toString();
    }

    /** Writes {@code SEQUENCE SIZE (0..64) OF OCTET STRING (SIZE (32))}, refusing what the decoder would refuse. */
    static void write(DerWriter w, List<byte[]> path) {
        if (path.size() > MerkleProofs.MAX_PATH_LENGTH) {
            throw new ValidationException(Violation.INVALID_FIELD, "path of " + path.size()
                    + " hashes exceeds the limit of " + MerkleProofs.MAX_PATH_LENGTH);
        }
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).length != MerkleTree.HASH_LENGTH) {
                throw new ValidationException(Violation.INVALID_FIELD, "path[" + i + "] has " + path.get(i).length
                        + " octets, expected " + MerkleTree.HASH_LENGTH);
            }
        }
        w.sequence(s -> path.forEach(s::octetString));
    }

    /** Reads {@code SEQUENCE SIZE (0..64) OF OCTET STRING (SIZE (32))}. */
    static List<byte[]> read(DerReader r) {
        DerReader s = r.readSequence();
        List<byte[]> path = new ArrayList<>();
        while (s.hasRemaining()) {
            if (path.size() == MerkleProofs.MAX_PATH_LENGTH) {
                // unreachable while the codecs' length limits are exact; kept so that raising a
                // length limit can never lift the path limit with it
                throw new DecodeException(s.position(), "path has more than " + MerkleProofs.MAX_PATH_LENGTH
                        + " hashes");
            }
            path.add(s.readOctetString(MerkleTree.HASH_LENGTH, MerkleTree.HASH_LENGTH, "path[" + path.size() + "]"));
        }
        return path;
    }
}
