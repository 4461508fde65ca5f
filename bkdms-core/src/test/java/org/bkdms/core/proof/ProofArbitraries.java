package org.bkdms.core.proof;

import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.bkdms.core.der.DerWriter;

/** Generators shared by the property suites of this package. */
final class ProofArbitraries {
    private ProofArbitraries() {
    }

    /** Tree sizes and indices, with the INTEGER length boundaries and the extremes mixed in. */
    static Arbitrary<Long> counts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, 1000),
                Arbitraries.of(0L, 1L, 127L, 128L, 255L, 256L, 32767L, 32768L, 65535L, 65536L, (1L << 31) - 1, 1L << 31,
                        Long.MAX_VALUE - 1, Long.MAX_VALUE));
    }

    static Arbitrary<byte[]> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(MerkleTree.HASH_LENGTH);
    }

    static Arbitrary<List<byte[]>> paths() {
        return hashes().list().ofMaxSize(MerkleProofs.MAX_PATH_LENGTH);
    }

    /** Proofs the codec can encode: any counts, tree size at least 1, a valid path. */
    static Arbitrary<InclusionProof> encodableInclusionProofs() {
        return Combinators.combine(counts(), counts().filter(n -> n >= 1), paths()).as(InclusionProof::new);
    }

    static Arbitrary<ConsistencyProof> encodableConsistencyProofs() {
        return Combinators.combine(counts(), counts(), paths()).as(ConsistencyProof::new);
    }

    /** Hashes as an attacker might send them: mostly 32 octets, sometimes not. */
    static Arbitrary<byte[]> anyHashes() {
        return Arbitraries.frequencyOf(Tuple.of(8, hashes()),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)));
    }

    static Arbitrary<List<byte[]>> anyPaths() {
        return anyHashes().list().ofMaxSize(MerkleProofs.MAX_PATH_LENGTH + 6);
    }

    /**
     * Nearly proofs: a SEQUENCE that mostly has the shape of a proof (version 1, two INTEGERs, a
     * SEQUENCE of OCTET STRINGs of mostly 32 octets), any part of which may be swapped for another
     * well-formed element or followed by extra ones, so that the decoders are driven past the
     * preamble and into every check of the path.
     */
    static Arbitrary<byte[]> derShapedGarbage() {
        Arbitrary<Consumer<DerWriter>> octets = Arbitraries.frequencyOf(
                Tuple.of(6, hashes()), Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)))
                .map(v -> w -> w.octetString(v));
        Arbitrary<Consumer<DerWriter>> integer = Arbitraries.oneOf(counts(), Arbitraries.longs().between(-300, 300))
                .map(v -> w -> w.integer(v));
        Arbitrary<Consumer<DerWriter>> path = Arbitraries.frequencyOf(Tuple.of(6, octets), Tuple.of(1, integer))
                .list().ofMaxSize(8).map(ProofArbitraries::sequenceOf);
        Arbitrary<Consumer<DerWriter>> any = Arbitraries.oneOf(integer, octets, path,
                Arbitraries.of(true, false).map(v -> w -> w.bool(v)),
                Arbitraries.strings().ofMaxLength(5).map(v -> w -> w.utf8String(v)));
        Arbitrary<Consumer<DerWriter>> version = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(w -> w.integer(1))), Tuple.of(1, any));
        Arbitrary<Consumer<DerWriter>> size = Arbitraries.frequencyOf(Tuple.of(6, integer), Tuple.of(1, any));
        Arbitrary<Consumer<DerWriter>> tail = Arbitraries.frequencyOf(Tuple.of(6, path), Tuple.of(1, any));
        Arbitrary<List<Consumer<DerWriter>>> extra = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(List.of())), Tuple.of(1, any.list().ofMinSize(1).ofMaxSize(2)));
        return Combinators.combine(version, size, size, tail, extra).as((v, a, b, p, more) -> {
            DerWriter w = new DerWriter();
            w.sequence(s -> {
                v.accept(s);
                a.accept(s);
                b.accept(s);
                p.accept(s);
                more.forEach(i -> i.accept(s));
            });
            return w.toByteArray();
        });
    }

    private static Consumer<DerWriter> sequenceOf(List<Consumer<DerWriter>> items) {
        return w -> w.sequence(s -> items.forEach(i -> i.accept(s)));
    }
}
