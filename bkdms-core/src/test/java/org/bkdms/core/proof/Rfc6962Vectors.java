package org.bkdms.core.proof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 6962 reference tree of eight leaves and its known answers, copied byte for byte from
 * google/certificate-transparency {@code cpp/merkletree/merkle_tree_test.cc} ({@code kInputs},
 * {@code kSHA256Roots}, {@code kSHA256Paths}, {@code kSHA256Proofs}, {@code kSHA256EmptyTreeHash}),
 * which transparency-dev/merkle {@code proof/verify_test.go} repeats ({@code leaves}, {@code roots},
 * {@code inclusionProofs}, {@code consistencyProofs}) and extends with the 6-to-7 consistency proof.
 * The C++ file numbers leaves from 1; here indices are from 0. The hasher vectors come from
 * transparency-dev/merkle {@code rfc6962/rfc6962_test.go}.
 */
final class Rfc6962Vectors {
    private static final HexFormat HEX = HexFormat.of();

    /** SHA-256 of no octets, the root of the empty tree. */
    static final byte[] EMPTY_TREE_HASH = h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /** rfc6962_test.go "RFC6962 Empty Leaf": leaf hash of the empty leaf. */
    static final byte[] EMPTY_LEAF_HASH = h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    /** rfc6962_test.go "RFC6962 Leaf": leaf hash of the ASCII leaf {@code L123456}. */
    static final byte[] L123456_LEAF_HASH = h("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    /** rfc6962_test.go "RFC6962 Node": node hash of the ASCII children {@code N123} and {@code N456}. */
    static final byte[] N123_N456_NODE_HASH = h("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");

    /** The eight leaves of the reference tree. */
    static final List<byte[]> LEAVES = List.of(
            h(""),
            h("00"),
            h("10"),
            h("2021"),
            h("3031"),
            h("40414243"),
            h("5051525354555657"),
            h("606162636465666768696a6b6c6d6e6f"));

    /** ROOTS.get(i) is the root of the tree of the first i + 1 leaves. */
    static final List<byte[]> ROOTS = List.of(
            h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
            h("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            h("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
            h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
            h("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
            h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    /** kSHA256Paths without its first, invalid, entry (leaf 0 of size 0). */
    static final List<InclusionProof> INCLUSION_PROOFS = List.of(
            new InclusionProof(0, 1, List.of()),
            new InclusionProof(0, 8, List.of(
                    h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"))),
            new InclusionProof(5, 8, List.of(
                    h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                    h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"))),
            new InclusionProof(2, 3, List.of(
                    h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"))),
            new InclusionProof(1, 5, List.of(
                    h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"))));

    /** kSHA256Proofs, then the 6-to-7 proof that only verify_test.go has. */
    static final List<ConsistencyProof> CONSISTENCY_PROOFS = List.of(
            new ConsistencyProof(1, 1, List.of()),
            new ConsistencyProof(1, 8, List.of(
                    h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"))),
            new ConsistencyProof(6, 8, List.of(
                    h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                    h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"))),
            new ConsistencyProof(2, 5, List.of(
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"))),
            new ConsistencyProof(6, 7, List.of(
                    h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                    h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
                    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"))));

    private Rfc6962Vectors() {
    }

    /** @return the leaf hashes of the first {@code size} reference leaves */
    static List<byte[]> leafHashes(long size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(MerkleTree.leafHash(LEAVES.get(i)));
        }
        return out;
    }

    /** @return the root of the reference tree of {@code size} leaves, 1 to 8 */
    static byte[] root(long size) {
        return ROOTS.get((int) size - 1).clone();
    }

    static byte[] h(String hex) {
        return HEX.parseHex(hex);
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static List<String> hex(List<byte[]> path) {
        return path.stream().map(HEX::formatHex).toList();
    }

    static byte[] flipBit(byte[] b, int bit) {
        byte[] c = Arrays.copyOf(b, b.length);
        c[bit / 8 % c.length] ^= (byte) (1 << (bit % 8));
        return c;
    }
}
