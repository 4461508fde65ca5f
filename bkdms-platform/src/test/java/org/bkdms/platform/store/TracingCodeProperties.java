package org.bkdms.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.bkdms.core.error.DecodeException;
import org.bkdms.ledger.tx.TxId;

/** The tracing code decoder takes external input (URLs, command lines): round trips and typed rejections. */
class TracingCodeProperties {

    @Property
    void everyCodeSurvivesEncodingAndItsTextForm(@ForAll("chainIds") String chainId, @ForAll @LongRange(min = 0) long height,
            @ForAll @IntRange(min = 0) int index, @ForAll @Size(32) byte[] txId) {
        TracingCode code = TracingCode.of(chainId, height, index, TxId.wrap(txId));
        assertThat(TracingCode.decode(code.encode())).isEqualTo(code);
        assertThat(TracingCode.parse(code.toString())).isEqualTo(code);
        assertThat(TracingCode.parse(code.toString().toUpperCase())).isEqualTo(code);
        assertThat(code.belongsTo(chainId)).isTrue();
        assertThat(code.encode()).hasSize(TracingCode.LENGTH);
    }

    @Property
    void arbitraryOctetsEitherDecodeCanonicallyOrAreRefusedWithADecodeException(@ForAll @Size(max = 80) byte[] octets) {
        try {
            TracingCode code = TracingCode.decode(octets);
            assertThat(code.encode()).isEqualTo(octets);
        } catch (DecodeException e) {
            assertThat(e.reasonCode()).isNotBlank();
        }
    }

    @Property
    void arbitraryTextEitherParsesOrIsRefusedWithADecodeException(@ForAll String text) {
        try {
            TracingCode code = TracingCode.parse(text);
            assertThat(HexFormat.of().parseHex(text.trim())).isEqualTo(code.encode());
        } catch (DecodeException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property
    void anotherVersionOrANegativeHeightIsRefused(@ForAll @Size(32) byte[] txId) {
        byte[] code = TracingCode.of("bkdms://x", 5, 1, TxId.wrap(txId)).encode();
        code[0] = 2;
        assertThatThrownBy(() -> TracingCode.decode(code)).isInstanceOf(DecodeException.class).hasMessageContaining("version");
        byte[] negative = TracingCode.of("bkdms://x", 5, 1, TxId.wrap(txId)).encode();
        negative[9] = (byte) 0x80;
        assertThatThrownBy(() -> TracingCode.decode(negative)).isInstanceOf(DecodeException.class);
    }

    @Provide
    Arbitrary<String> chainIds() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80);
    }
}
