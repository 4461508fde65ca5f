package org.bkdms.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bkdms.core.storage.Recorder;
import org.bkdms.ledger.tx.TxId;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.Test;

/**
 * Recomputes both codes the way docs/FORMAT.md specifies them, with Bouncy Castle's ASN.1 encoder and
 * the JDK's SHA-256 instead of BKDMS code, as an independent verifier would.
 */
class CheckCodeTest {

    @Test
    void bothCodesAreWhatTheFormatSpecificationSaysAnIndependentEncoderComputes() throws Exception {
        String chainId = "bkdms://city.example/ledger";
        byte[] txId = new byte[32];
        Arrays.fill(txId, (byte) 0x5A);
        byte[] tracing = TracingCode.of(chainId, 300, 7, TxId.wrap(txId)).encode();

        byte[] expectedTracing = new byte[53];
        expectedTracing[0] = 1;
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(chainId.getBytes(StandardCharsets.US_ASCII)), 0,
                expectedTracing, 1, 8);
        expectedTracing[9 + 6] = 0x01;
        expectedTracing[9 + 7] = 0x2C; // 300
        expectedTracing[17 + 3] = 7;
        System.arraycopy(txId, 0, expectedTracing, 21, 32);
        assertThat(tracing).isEqualTo(expectedTracing);

        byte[] cityData = {0x30, 0x03, 0x02, 0x01, 0x05};
        byte[] blockHash = new byte[32];
        Arrays.fill(blockHash, (byte) 0x11);
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DERUTF8String("BKDMS check code v1"));
        v.add(new DERSequence(new ASN1EncodableVector() {
            {
                add(new ASN1Integer(1234));
                add(new ASN1Integer(5));
            }
        }));
        v.add(new DERSequence(new ASN1EncodableVector() {
            {
                add(new ASN1Integer(8));
                add(new ASN1Integer(99_000));
            }
        }));
        v.add(new DEROctetString(cityData));
        v.add(new DERIA5String(chainId));
        v.add(new DEROctetString(tracing));
        v.add(new DEROctetString(blockHash));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(new DERSequence(v).getEncoded());

        assertThat(CheckCode.compute(new Recorder(1234, 5), new Recorder(8, 99_000), cityData, chainId, tracing, blockHash))
                .isEqualTo(expected);
    }

    @Test
    void everyFieldChangesTheCheckCode() {
        byte[] base = CheckCode.compute(new Recorder(1, 2), new Recorder(3, 4), new byte[] {1, 2}, "c", new byte[] {9},
                new byte[32]);
        assertThat(CheckCode.compute(new Recorder(2, 2), new Recorder(3, 4), new byte[] {1, 2}, "c", new byte[] {9},
                new byte[32])).isNotEqualTo(base);
        assertThat(CheckCode.compute(new Recorder(1, 2), new Recorder(3, 5), new byte[] {1, 2}, "c", new byte[] {9},
                new byte[32])).isNotEqualTo(base);
        assertThat(CheckCode.compute(new Recorder(1, 2), new Recorder(3, 4), new byte[] {1, 3}, "c", new byte[] {9},
                new byte[32])).isNotEqualTo(base);
        assertThat(CheckCode.compute(new Recorder(1, 2), new Recorder(3, 4), new byte[] {1, 2}, "d", new byte[] {9},
                new byte[32])).isNotEqualTo(base);
        assertThat(CheckCode.compute(new Recorder(1, 2), new Recorder(3, 4), new byte[] {1, 2}, "c", new byte[] {8},
                new byte[32])).isNotEqualTo(base);
        byte[] otherBlock = new byte[32];
        otherBlock[0] = 1;
        assertThat(CheckCode.compute(new Recorder(1, 2), new Recorder(3, 4), new byte[] {1, 2}, "c", new byte[] {9},
                otherBlock)).isNotEqualTo(base);
    }
}
