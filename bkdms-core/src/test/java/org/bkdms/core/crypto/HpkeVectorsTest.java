package org.bkdms.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Checks both registered suites against the published RFC 9180 test vectors (base mode), through
 * the suite API the packet code uses: keys from the vectors' ikm, Seal with the vectors' ephemeral
 * key must give exactly their enc and ciphertext, and Open must give back their plaintext.
 */
class HpkeVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final CryptoSuites SUITES = CryptoSuites.standard(new SecureRandom());

    static List<JsonNode> vectors() throws IOException {
        try (InputStream in = HpkeVectorsTest.class.getResourceAsStream("/hpke/rfc9180-test-vectors.json")) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(out::add);
            return out;
        }
    }

    static Stream<Arguments> registeredSuiteVectors() throws IOException {
        return vectors().stream()
                .filter(v -> v.get("mode").asInt() == 0)
                .flatMap(v -> SUITES.all().stream()
                        .filter(s -> s.kemId() == v.get("kem_id").asInt() && s.kdfId() == v.get("kdf_id").asInt()
                                && s.aeadId() == v.get("aead_id").asInt())
                        .map(s -> Arguments.of(s.name(), s, v)));
    }

    @Test
    void everyRegisteredSuiteHasPublishedVectors() throws IOException {
        List<String> covered = registeredSuiteVectors().map(a -> (String) a.get()[0]).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(SUITES.all().stream().map(CryptoSuite::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredSuiteVectors")
    void sealReproducesThePublishedCiphertextAndOpenRecoversThePlaintext(String name, CryptoSuite suite, JsonNode v) {
        HPKE hpke = suite.hpke();
        AsymmetricCipherKeyPair recipientPair = hpke.deriveKeyPair(hex(v, "ikmR"));
        AsymmetricCipherKeyPair ephemeral = hpke.deriveKeyPair(hex(v, "ikmE"));
        assertThat(hpke.serializePublicKey(recipientPair.getPublic())).isEqualTo(hex(v, "pkRm"));
        assertThat(hpke.serializePublicKey(ephemeral.getPublic())).isEqualTo(hex(v, "pkEm"));

        SuitePrivateKey recipient = suite.toPrivateKey(KeyPurpose.ENCRYPTION, recipientPair);
        // the key must also survive our own PKCS#8 / SubjectPublicKeyInfo round trip
        SuitePrivateKey reloaded = suite.privateKey(KeyPurpose.ENCRYPTION, recipient.pkcs8());
        SuitePublicKey publicKey = suite.publicKey(KeyPurpose.ENCRYPTION, recipient.publicKey().subjectPublicKeyInfo());

        byte[] info = hex(v, "info");
        JsonNode first = v.get("encryptions").get(0); // single-shot Seal/Open uses sequence number 0
        byte[] aad = HEX.parseHex(first.get("aad").asText());
        byte[] pt = HEX.parseHex(first.get("pt").asText());

        HpkeCiphertext sealed = suite.seal(publicKey, info, aad, pt, ephemeral);
        assertThat(sealed.enc()).isEqualTo(hex(v, "enc"));
        assertThat(sealed.ciphertext()).isEqualTo(HEX.parseHex(first.get("ct").asText()));

        byte[] opened = suite.open(reloaded, info, aad, new HpkeCiphertext(hex(v, "enc"),
                HEX.parseHex(first.get("ct").asText())));
        assertThat(opened).isEqualTo(pt);
    }

    private static byte[] hex(JsonNode v, String field) {
        return HEX.parseHex(v.get(field).asText());
    }
}
