package org.bkdms.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.record.RecordArbitraries;
import org.bkdms.core.record.RecordArbitraries.Mutation;

class KpiStorageRecordCodecProperties {

    private static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(0L, 127L, 128L, 255L, 256L, 65535L, 65536L, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<KpiStorageRecord> storageRecords() {
        Arbitrary<byte[]> cityData = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600);
        Arbitrary<byte[]> codes = Arbitraries.bytes().array(byte[].class).ofMinSize(1)
                .ofMaxSize(KpiStorageRecord.MAX_CODE_LENGTH);
        Arbitrary<String> chainIds = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(200);
        Arbitrary<Recorder> blocks = Combinators.combine(longs(), longs())
                .as((o, l) -> new Recorder(Math.min(o, Long.MAX_VALUE - l), l));
        return Combinators.combine(longs(), blocks, cityData, chainIds, codes, codes).as((offset, block, data, chain,
                tracing, check) -> new KpiStorageRecord(new Recorder(Math.min(offset, Long.MAX_VALUE - data.length),
                        data.length), block, data, chain, tracing, check));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return RecordArbitraries.mutations();
    }

    @Property(tries = 1000)
    void everyValidStorageRecordRoundTripsToAnEqualRecordAndIdenticalBytes(
            @ForAll("storageRecords") KpiStorageRecord record) {
        byte[] der = KpiStorageRecordCodec.encode(record);
        KpiStorageRecord decoded = KpiStorageRecordCodec.decode(der);
        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.hashCode()).isEqualTo(record.hashCode());
        assertThat(KpiStorageRecordCodec.encode(decoded)).isEqualTo(der);
    }

    @Property(tries = 1000)
    void aMutatedEncodingEitherStaysCanonicalOrIsRejectedWithABkdmsException(
            @ForAll("storageRecords") KpiStorageRecord record, @ForAll("mutations") List<Mutation> mutations) {
        byte[] mutated = KpiStorageRecordCodec.encode(record);
        for (Mutation m : mutations) {
            mutated = m.apply(mutated);
        }
        KpiStorageRecord decoded;
        try {
            decoded = KpiStorageRecordCodec.decode(mutated);
        } catch (BkdmsException expected) {
            Statistics.collect("rejected", expected.reasonCode());
            return;
        }
        Statistics.collect("accepted", "-");
        assertThat(KpiStorageRecordCodec.encode(decoded)).isEqualTo(mutated);
    }

    @Property(tries = 300)
    void everyProperPrefixOfAValidEncodingIsRejectedAsMalformed(@ForAll("storageRecords") KpiStorageRecord record,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cut) {
        byte[] der = KpiStorageRecordCodec.encode(record);
        byte[] prefix = Arrays.copyOf(der, cut % der.length);
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(prefix)).isInstanceOf(DecodeException.class);
    }
}
