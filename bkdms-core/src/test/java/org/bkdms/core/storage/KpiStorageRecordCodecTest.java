package org.bkdms.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bkdms.core.GoldenVectors;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bkdms.core.packet.KpiPacketCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KpiStorageRecordCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String CHAIN = "https://chain.example.org/bkdms";

    private static byte[] pattern(int length, int start, int step) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (start + i * step);
        }
        return b;
    }

    /** The record of the golden vector. */
    static KpiStorageRecord goldenRecord() {
        byte[] cityData = pattern(48, 0x30, 1);
        return new KpiStorageRecord(new Recorder(1024, cityData.length), new Recorder(4096, 65536), cityData, CHAIN,
                pattern(32, 0xa0, 1), pattern(32, 0x50, 3));
    }

    private static KpiStorageRecord roundTrip(KpiStorageRecord record) {
        byte[] der = KpiStorageRecordCodec.encode(record);
        KpiStorageRecord decoded = KpiStorageRecordCodec.decode(der);
        assertThat(decoded).isEqualTo(record).hasSameHashCodeAs(record);
        assertThat(KpiStorageRecordCodec.encode(decoded)).isEqualTo(der);
        return decoded;
    }

    private static void assertInvalidField(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violation()).isEqualTo(Violation.INVALID_FIELD));
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void roundTripsTheGoldenRecord() {
        KpiStorageRecord decoded = roundTrip(goldenRecord());
        assertThat(decoded.dataRecorder()).isEqualTo(new Recorder(1024, 48));
        assertThat(decoded.blockRecorder()).isEqualTo(new Recorder(4096, 65536));
        assertThat(decoded.chainId()).isEqualTo(CHAIN);
        assertThat(decoded.cityData()).isEqualTo(pattern(48, 0x30, 1));
        assertThat(decoded.tracingCode()).isEqualTo(pattern(32, 0xa0, 1));
        assertThat(decoded.checkCode()).isEqualTo(pattern(32, 0x50, 3));
    }

    @Test
    void roundTripsLargeCityDataAndExtremeRecorders() {
        byte[] cityData = pattern(KpiPacketCodec.MAX_ENCODED_LENGTH, 7, 13);
        roundTrip(new KpiStorageRecord(new Recorder(Long.MAX_VALUE - cityData.length, cityData.length),
                new Recorder(0, Long.MAX_VALUE), cityData, "x".repeat(KpiStorageRecord.MAX_CHAIN_ID_LENGTH),
                new byte[KpiStorageRecord.MAX_CODE_LENGTH], new byte[1]));
        roundTrip(new KpiStorageRecord(new Recorder(0, 1), new Recorder(Long.MAX_VALUE, 0), new byte[1], "~",
                new byte[1], new byte[KpiStorageRecord.MAX_CODE_LENGTH]));
    }

    @Test
    void encodesTheGoldenRecordToTheStoredVector() throws IOException {
        byte[] expected = GoldenVectors.check("kpi-storage-record-v1.hex", KpiStorageRecordCodec.encode(goldenRecord()));
        assertThat(KpiStorageRecordCodec.decode(expected)).isEqualTo(goldenRecord());
    }

    // ---------------------------------------------------------------- construction rules

    @ParameterizedTest(name = "recorder length {0} for 48 octets")
    @ValueSource(longs = {0, 47, 49, 4096})
    void rejectsADataRecorderLengthOtherThanTheCityDataLength(long length) {
        KpiStorageRecord g = goldenRecord();
        assertInvalidField(() -> new KpiStorageRecord(new Recorder(1024, length), g.blockRecorder(), g.cityData(),
                g.chainId(), g.tracingCode(), g.checkCode()));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "https://chain.example.org/a b", "https://kjede.example.no/blåbær", "tab\there", "\u007f"})
    void rejectsChainIdsThatAreNotPrintableAscii(String chainId) {
        KpiStorageRecord g = goldenRecord();
        assertInvalidField(() -> new KpiStorageRecord(g.dataRecorder(), g.blockRecorder(), g.cityData(), chainId,
                g.tracingCode(), g.checkCode()));
    }

    @Test
    void rejectsChainIdsLongerThan512Characters() {
        KpiStorageRecord g = goldenRecord();
        assertInvalidField(() -> new KpiStorageRecord(g.dataRecorder(), g.blockRecorder(), g.cityData(), "x".repeat(513),
                g.tracingCode(), g.checkCode()));
    }

    @ParameterizedTest(name = "{0} octets")
    @ValueSource(ints = {0, 129})
    void rejectsTracingAndCheckCodesOutside1To128Octets(int length) {
        KpiStorageRecord g = goldenRecord();
        assertInvalidField(() -> new KpiStorageRecord(g.dataRecorder(), g.blockRecorder(), g.cityData(), g.chainId(),
                new byte[length], g.checkCode()));
        assertInvalidField(() -> new KpiStorageRecord(g.dataRecorder(), g.blockRecorder(), g.cityData(), g.chainId(),
                g.tracingCode(), new byte[length]));
    }

    @ParameterizedTest(name = "offset {0} length {1}")
    @CsvSource({"-1, 0", "0, -1", "9223372036854775807, 1", "1, 9223372036854775807", "-9223372036854775808, 0"})
    void rejectsRecordersThatAreNoValidByteRange(long offset, long length) {
        assertInvalidField(() -> new Recorder(offset, length));
    }

    @Test
    void copiesItsArraysInAndOut() {
        byte[] cityData = pattern(4, 1, 1);
        byte[] tracing = pattern(4, 2, 1);
        byte[] check = pattern(4, 3, 1);
        KpiStorageRecord r = new KpiStorageRecord(new Recorder(0, 4), new Recorder(0, 4), cityData, CHAIN, tracing, check);
        cityData[0] = 99;
        tracing[0] = 99;
        check[0] = 99;
        r.cityData()[1] = 99;
        r.tracingCode()[1] = 99;
        r.checkCode()[1] = 99;
        assertThat(r.cityData()).isEqualTo(pattern(4, 1, 1));
        assertThat(r.tracingCode()).isEqualTo(pattern(4, 2, 1));
        assertThat(r.checkCode()).isEqualTo(pattern(4, 3, 1));
    }

    @Test
    void comparesByContentAndPrintsCodesAsHex() {
        KpiStorageRecord g = goldenRecord();
        byte[] otherCheck = g.checkCode();
        otherCheck[31] ^= 1;
        assertThat(g).isNotEqualTo(new KpiStorageRecord(g.dataRecorder(), g.blockRecorder(), g.cityData(), g.chainId(),
                g.tracingCode(), otherCheck));
        assertThat(g.toString()).contains("48 octets", CHAIN, HEX.formatHex(g.tracingCode()));
    }

    @Test
    void refusesToBuildWhatTheDecoderWouldRefuse() {
        KpiStorageRecord g = goldenRecord();
        assertThatThrownBy(() -> new KpiStorageRecord(new Recorder(7, 0), g.blockRecorder(), new byte[0], g.chainId(),
                g.tracingCode(), g.checkCode())).isInstanceOf(ValidationException.class).hasMessageContaining("city data");
        int tooLong = KpiPacketCodec.MAX_ENCODED_LENGTH + 1;
        assertThatThrownBy(() -> new KpiStorageRecord(new Recorder(7, tooLong), g.blockRecorder(), new byte[tooLong],
                g.chainId(), g.tracingCode(), g.checkCode())).isInstanceOf(ValidationException.class);
        int longest = KpiPacketCodec.MAX_ENCODED_LENGTH;
        roundTrip(new KpiStorageRecord(new Recorder(7, longest), g.blockRecorder(), new byte[longest], g.chainId(),
                g.tracingCode(), g.checkCode()));
    }

    // ---------------------------------------------------------------- decode rejections

    /** Writes a storage record field by field, so that tests can break one rule at a time. */
    private static byte[] raw(long version, long dataOffset, long dataLength, byte[] cityData, String chainId,
            byte[] tracing, byte[] check, byte[] trailer) {
        byte[] der = new DerWriter().sequence(w -> {
            w.integer(version);
            w.sequence(r -> r.integer(dataOffset).integer(dataLength));
            w.sequence(r -> r.integer(4096).integer(65536));
            w.octetString(cityData).ia5String(chainId).octetString(tracing).octetString(check);
        }).toByteArray();
        byte[] out = Arrays.copyOf(der, der.length + trailer.length);
        System.arraycopy(trailer, 0, out, der.length, trailer.length);
        return out;
    }

    private static byte[] golden(long version, long dataLength, byte[] trailer) {
        KpiStorageRecord g = goldenRecord();
        return raw(version, 1024, dataLength, g.cityData(), g.chainId(), g.tracingCode(), g.checkCode(), trailer);
    }

    @Test
    void buildsTheSameBytesAsTheEncoderForACanonicalRecord() {
        assertThat(golden(1, 48, new byte[0])).isEqualTo(KpiStorageRecordCodec.encode(goldenRecord()));
    }

    @Test
    void rejectsADecodedDataRecorderLengthOtherThanTheCityDataLength() {
        byte[] der = golden(1, 47, new byte[0]);
        assertInvalidField(() -> KpiStorageRecordCodec.decode(der));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 2, 100})
    void rejectsVersionsOtherThanOne(long version) {
        byte[] der = golden(version, 48, new byte[0]);
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(der)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("version");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] der = golden(1, 48, new byte[] {0});
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(der)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] der = KpiStorageRecordCodec.encode(goldenRecord());
        for (int n = 0; n < der.length; n++) {
            byte[] cut = Arrays.copyOf(der, n);
            assertThatThrownBy(() -> KpiStorageRecordCodec.decode(cut)).as("first %d octets", n)
                    .isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void rejectsInputBeyondTheSizeLimitBeforeParsing() {
        byte[] huge = new byte[KpiStorageRecordCodec.MAX_ENCODED_LENGTH + 1];
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(huge)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds")
                .satisfies(e -> assertThat(((DecodeException) e).offset()).isZero());
    }

    @Test
    void rejectsFieldsOutsideTheirSizeLimits() {
        KpiStorageRecord g = goldenRecord();
        byte[] noCityData = raw(1, 1024, 0, new byte[0], CHAIN, g.tracingCode(), g.checkCode(), new byte[0]);
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(noCityData)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("cityData");
        byte[] noTracing = raw(1, 1024, 48, g.cityData(), CHAIN, new byte[0], g.checkCode(), new byte[0]);
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(noTracing)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("tracingCode");
        byte[] longCheck = raw(1, 1024, 48, g.cityData(), CHAIN, g.tracingCode(), new byte[129], new byte[0]);
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(longCheck)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("checkCode");
        byte[] longChain = raw(1, 1024, 48, g.cityData(), "x".repeat(513), g.tracingCode(), g.checkCode(), new byte[0]);
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(longChain)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("chainId");
    }

    @Test
    void rejectsChainIdsWithSpacesEvenThoughIa5AllowsThem() {
        KpiStorageRecord g = goldenRecord();
        byte[] der = raw(1, 1024, 48, g.cityData(), "https://a b", g.tracingCode(), g.checkCode(), new byte[0]);
        assertInvalidField(() -> KpiStorageRecordCodec.decode(der));
    }

    @Test
    void rejectsNegativeOrOverflowingRecorders() {
        KpiStorageRecord g = goldenRecord();
        byte[] negative = raw(1, -1, 48, g.cityData(), CHAIN, g.tracingCode(), g.checkCode(), new byte[0]);
        assertThatThrownBy(() -> KpiStorageRecordCodec.decode(negative)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("dataRecorder.offset");
        byte[] overflow = raw(1, Long.MAX_VALUE, 48, g.cityData(), CHAIN, g.tracingCode(), g.checkCode(), new byte[0]);
        assertInvalidField(() -> KpiStorageRecordCodec.decode(overflow));
    }
}
