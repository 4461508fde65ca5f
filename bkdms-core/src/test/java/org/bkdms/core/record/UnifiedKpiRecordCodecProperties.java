package org.bkdms.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.record.RecordArbitraries.Mutation;

class UnifiedKpiRecordCodecProperties {

    @Provide
    Arbitrary<UnifiedKpiRecord> records() {
        return RecordArbitraries.records();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return RecordArbitraries.mutations();
    }

    @Property(tries = 1000)
    void everyValidRecordRoundTripsToAnEqualRecordAndIdenticalBytes(@ForAll("records") UnifiedKpiRecord record) {
        byte[] der = UnifiedKpiRecordCodec.encode(record);
        UnifiedKpiRecord decoded = UnifiedKpiRecordCodec.decode(der);
        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.hashCode()).isEqualTo(record.hashCode());
        assertThat(UnifiedKpiRecordCodec.encode(decoded)).isEqualTo(der);
        assertThat(decoded.length()).isEqualTo(UnifiedKpiRecordCodec.encodeExtending(record.extending()).length);
        Statistics.label("site").collect(record.siteId().isIpv6() ? "IPv6" : "IPv4");
        Statistics.label("scheme").collect(record.city().scheme());
        Statistics.label("values").collect(record.kpiData().values().values().stream()
                .anyMatch(v -> v instanceof KpiValue.Flag) ? "with yes/no" : "decimal only");
        Statistics.label("extensions").collect(record.extending().size() == 0 ? "none"
                : record.extending().unknownIds().isEmpty() ? "registered only" : "with unknown ids");
        Statistics.label("fraction").collect(record.time().getNano() == 0 ? "whole seconds" : "fraction");
    }

    @Property(tries = 1000)
    void aMutatedEncodingEitherStaysCanonicalOrIsRejectedWithABkdmsException(
            @ForAll("records") UnifiedKpiRecord record, @ForAll("mutations") List<Mutation> mutations) {
        byte[] mutated = UnifiedKpiRecordCodec.encode(record);
        for (Mutation m : mutations) {
            mutated = m.apply(mutated);
        }
        UnifiedKpiRecord decoded;
        try {
            decoded = UnifiedKpiRecordCodec.decode(mutated);
        } catch (BkdmsException expected) {
            Statistics.collect("rejected", expected.reasonCode());
            return;
        }
        Statistics.collect("accepted", "-");
        assertThat(UnifiedKpiRecordCodec.encode(decoded)).as("re-encoding of an accepted mutation of %s", record)
                .isEqualTo(mutated);
    }

    @Property(tries = 500)
    void everyProperPrefixOfAValidEncodingIsRejectedAsMalformed(@ForAll("records") UnifiedKpiRecord record,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cut) {
        byte[] der = UnifiedKpiRecordCodec.encode(record);
        byte[] prefix = Arrays.copyOf(der, cut % der.length);
        assertThatThrownBy(() -> UnifiedKpiRecordCodec.decode(prefix)).isInstanceOf(DecodeException.class);
    }
}
