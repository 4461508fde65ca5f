package org.bkdms.core.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.junit.jupiter.api.Test;

class KpiPacketCodecTest {
    private static final KeyId RECIPIENT = KeyId.parse("000102030405060708090a0b0c0d0e0f");
    private static final KeyId SIGNER = KeyId.parse("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");

    private static KpiPacket packet() {
        return new KpiPacket(1, new EncryptedKpiData(RECIPIENT, new byte[32], new byte[40]),
                new EncryptedDigest(SIGNER, new byte[32], new byte[64]));
    }

    @Test
    void encodesTheDocumentedStructure() {
        byte[] der = KpiPacketCodec.encode(packet());
        String hex = HexFormat.of().formatHex(der);
        // SEQUENCE { INTEGER 1, INTEGER 1, SEQUENCE { OCTET STRING(16) ...
        assertThat(hex).startsWith("3081" + String.format("%02x", der.length - 3) + "020101020101");
        assertThat(hex).contains("0410000102030405060708090a0b0c0d0e0f0420");
        assertThat(KpiPacketCodec.decode(der)).isEqualTo(packet());
    }

    @Test
    void rejectsOversizedInputBeforeParsing() {
        byte[] huge = new byte[KpiPacketCodec.MAX_ENCODED_LENGTH + 1];
        assertThatThrownBy(() -> KpiPacketCodec.decode(huge)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void rejectsUnknownVersionsAndShortKeyIds() {
        byte[] v2 = new DerWriter().sequence(w -> w.integer(2).integer(1)).toByteArray();
        assertThatThrownBy(() -> KpiPacketCodec.decode(v2)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("unsupported packet version 2");
        byte[] shortKey = new DerWriter().sequence(w -> w.integer(1).integer(1)
                .sequence(e -> e.octetString(new byte[8]).octetString(new byte[32]).octetString(new byte[40]))).toByteArray();
        assertThatThrownBy(() -> KpiPacketCodec.decode(shortKey)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("recipientKeyId");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] der = KpiPacketCodec.encode(packet());
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 1);
        assertThatThrownBy(() -> KpiPacketCodec.decode(longer)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("trailing");
    }
}
