package org.bkdms.ledger.blocklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bkdms.core.storage.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockLogFormatTest {
    @ParameterizedTest(name = "after {0}+{1}, a block of {2} octets lies at {3}")
    @CsvSource({
        // previous offset, previous length (0 = empty log), length, expected offset
        "0, 0, 1, 20",
        "0, 0, 67108864, 20",
        "20, 1, 5, 33",
        "33, 5, 100, 50",
        "20, 67108864, 1, 67108896",
    })
    void eachPayloadStartsTwelveOctetsAfterThePreviousPayloadEnds(long prevOffset, int prevLength, int length,
            long expected) {
        BlockPosition previous = prevLength == 0 ? null : new BlockPosition(prevOffset, prevLength);
        BlockPosition next = BlockLogFormat.next(previous, length);
        assertThat(next).isEqualTo(new BlockPosition(expected, length));
        assertThat(next.frameOffset()).isEqualTo(previous == null ? 8 : previous.end());
        assertThat(BlockLogFormat.payloadOffset(next.frameOffset())).isEqualTo(next.offset());
    }

    @ParameterizedTest(name = "payload \"{0}\" has frame header {1}")
    @CsvSource({
        // 0xE3069283 is the published CRC-32C check value of "123456789"
        "123456789, 424b424c00000009e3069283",
        "a, 424b424c00000001c1d04330",
    })
    void theFrameHeaderIsMagicLengthAndCrc32c(String payload, String header) {
        assertThat(HexFormat.of().formatHex(BlockLogFormat.frameHeader(payload.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(header);
    }

    @Test
    void theFileHeaderIsBkdmslg1AndOnlyItsPrefixesArePrefixes() {
        byte[] header = BlockLogFormat.fileHeader();
        assertThat(new String(header, StandardCharsets.US_ASCII)).isEqualTo("BKDMSLG1");
        header[0] = 'X';
        assertThat(BlockLogFormat.fileHeader()[0]).as("a copy each time").isEqualTo((byte) 'B');
        for (int n = 0; n <= 8; n++) {
            assertThat(BlockLogFormat.isFileHeaderPrefix(BlockLogFormat.fileHeader(), n)).isTrue();
        }
        assertThat(BlockLogFormat.isFileHeaderPrefix("BKDX".getBytes(StandardCharsets.US_ASCII), 4)).isFalse();
        assertThat(BlockLogFormat.isFileHeaderPrefix(new byte[9], 9)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"-1, false", "0, false", "1, true", "67108864, true", "67108865, false", "4294967295, false"})
    void payloadLengthsAreOneOctetToSixtyFourMebibytes(long length, boolean valid) {
        assertThat(BlockLogFormat.isValidPayloadLength(length)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"19, 1", "20, 0", "20, -1", "20, 67108865", "-5, 10"})
    void aBlockPositionOutsideAnyBlockLogIsRefused(long offset, int length) {
        assertThatThrownBy(() -> new BlockPosition(offset, length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockPositionConvertsToAndFromATable103Recorder() {
        BlockPosition position = new BlockPosition(1234, 567);
        assertThat(position.toRecorder()).isEqualTo(new Recorder(1234, 567));
        assertThat(BlockPosition.of(new Recorder(1234, 567))).isEqualTo(position);
        assertThat(position.end()).isEqualTo(1801);
        assertThat(position.frameOffset()).isEqualTo(1222);
        assertThatThrownBy(() -> BlockPosition.of(new Recorder(20, 1L << 32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockPosition.of(new Recorder(0, 10))).isInstanceOf(IllegalArgumentException.class);
    }
}
