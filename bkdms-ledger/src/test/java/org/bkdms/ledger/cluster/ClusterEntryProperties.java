package org.bkdms.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.error.DecodeException;
import org.bkdms.ledger.block.NodeSignature;

/** Cluster log entries come from other processes: they round-trip, and garbage is a typed DecodeException. */
class ClusterEntryProperties {

    @Provide
    Arbitrary<ClusterEntry> entries() {
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
        Arbitrary<List<byte[]>> blobs = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40).list().ofMinSize(1)
                .ofMaxSize(5);
        Arbitrary<ClusterEntry> txs = blobs.map(ClusterEntry.Transactions::new);
        Arbitrary<ClusterEntry> cut = Combinators.combine(time, id, Arbitraries.integers().between(1, 100_000))
                .as(ClusterEntry.Cut::new);
        Arbitrary<ClusterEntry> genesis = Combinators.combine(time, id, blobs).as(ClusterEntry.Genesis::new);
        Arbitrary<ClusterEntry> vote = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), id,
                Arbitraries.bytes().array(byte[].class).ofSize(KeyId.LENGTH), Arbitraries.bytes().array(byte[].class).ofMinSize(1)
                        .ofMaxSize(128))
                .as((h, n, k, s) -> new ClusterEntry.Vote(h, new NodeSignature(n, KeyId.wrap(k), s)));
        return Arbitraries.oneOf(txs, cut, genesis, vote);
    }

    @Property(tries = 300)
    void everyEntryRoundTrips(@ForAll("entries") ClusterEntry entry) {
        byte[] der = entry.encode();
        assertThat(ClusterEntry.decode(der).encode()).isEqualTo(der);
    }

    @Property(tries = 500)
    void aCorruptedEntryDecodesToAnEntryOrFailsWithDecodeException(@ForAll("entries") ClusterEntry entry,
            @ForAll int position, @ForAll byte mask) {
        byte[] der = entry.encode();
        int i = Math.floorMod(position, der.length);
        der[i] ^= mask == 0 ? 1 : mask;
        Throwable t = catchThrowable(() -> ClusterEntry.decode(der));
        assertThat(t == null || t instanceof DecodeException).as(String.valueOf(t)).isTrue();
    }

    @Property(tries = 500)
    void randomOctetsFailOnlyWithDecodeException(@ForAll byte[] octets) {
        Throwable t = catchThrowable(() -> ClusterEntry.decode(octets));
        assertThat(t == null || t instanceof DecodeException).as(String.valueOf(t)).isTrue();
    }
}
