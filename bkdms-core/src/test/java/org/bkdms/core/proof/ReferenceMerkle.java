package org.bkdms.core.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 section 2.1 transcribed as literally as possible (recursion over sublists, a fresh
 * digest per hash), with no code shared with {@link MerkleTree}, to cross-check it. Slow on purpose.
 */
final class ReferenceMerkle {
    private ReferenceMerkle() {
    }

    /** MTH(D[n]) over leaf hashes. */
    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return d.get(0).clone();
        }
        int k = split(n);
        return node(mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    /** PATH(m, D[n]). */
    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n <= 1) {
            return out;
        }
        int k = split(n);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = split(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** The largest power of two smaller than n, by doubling as the RFC describes it. */
    private static int split(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    static byte[] leaf(byte[] data) {
        byte[] in = new byte[data.length + 1];
        System.arraycopy(data, 0, in, 1, data.length);
        return sha256(in);
    }

    private static byte[] node(byte[] left, byte[] right) {
        byte[] in = new byte[1 + left.length + right.length];
        in[0] = 1;
        System.arraycopy(left, 0, in, 1, left.length);
        System.arraycopy(right, 0, in, 1 + left.length, right.length);
        return sha256(in);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
