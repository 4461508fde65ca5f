package org.bkdms.bench;

import java.util.concurrent.TimeUnit;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the DER codec of the unified KPI record ({@link UnifiedKpiRecordCodec}), without
 * any cryptography:
 *
 * <ul>
 *   <li>{@code *SingleValue}: "EC: ICT: ICT: 1C" = 97.00 %, country 578, {@code UNLOCODE:NOTRD},
 *       IPv4 site, sequence number and 16-octet salt extensions;</li>
 *   <li>{@code *AirQuality}: "EN: EN: AQ: 1C" with the five series pm_10, pm_2.5, no2, so2, o3 in
 *       ug/m3, plus sequence number, salt and source reference extensions.</li>
 * </ul>
 *
 * Decoding includes every check the decoder makes (canonical DER, country and city code, series
 * order, extension types), because a platform cannot skip them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class RecordCodecBenchmark {
    private UnifiedKpiRecord singleValue;
    private byte[] singleValueDer;
    private UnifiedKpiRecord airQuality;
    private byte[] airQualityDer;

    /** Creates the benchmark state; the data is built in {@link #setUp()}. */
    public RecordCodecBenchmark() {
    }

    /** Builds both records and their encodings once, and checks that they round-trip. */
    @Setup(Level.Trial)
    public void setUp() {
        singleValue = SampleRecords.singleValue(true);
        singleValueDer = UnifiedKpiRecordCodec.encode(singleValue);
        airQuality = SampleRecords.airQuality();
        airQualityDer = UnifiedKpiRecordCodec.encode(airQuality);
        if (!UnifiedKpiRecordCodec.decode(singleValueDer).equals(singleValue)
                || !UnifiedKpiRecordCodec.decode(airQualityDer).equals(airQuality)) {
            throw new IllegalStateException("sample records do not round-trip through the codec");
        }
    }

    /** @return the DER encoding of the single-value record */
    @Benchmark
    public byte[] encodeSingleValue() {
        return UnifiedKpiRecordCodec.encode(singleValue);
    }

    /** @return the single-value record decoded from its DER encoding */
    @Benchmark
    public UnifiedKpiRecord decodeSingleValue() {
        return UnifiedKpiRecordCodec.decode(singleValueDer);
    }

    /** @return the DER encoding of the five-series air quality record */
    @Benchmark
    public byte[] encodeAirQuality() {
        return UnifiedKpiRecordCodec.encode(airQuality);
    }

    /** @return the five-series air quality record decoded from its DER encoding */
    @Benchmark
    public UnifiedKpiRecord decodeAirQuality() {
        return UnifiedKpiRecordCodec.decode(airQualityDer);
    }
}
