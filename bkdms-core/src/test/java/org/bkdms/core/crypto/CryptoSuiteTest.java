package org.bkdms.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoSuiteTest {
    private final CryptoSuites suites = CryptoSuites.standard();
    private static final byte[] MESSAGE = "KPI digest to sign".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void signaturesVerifyOnlyForTheSignedMessageAndKey(int id) {
        CryptoSuite suite = suites.byId(id);
        SuitePrivateKey key = suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey other = suite.generate(KeyPurpose.SIGNING);
        byte[] sig = suite.sign(key, MESSAGE);

        assertThat(suite.verify(key.publicKey(), MESSAGE, sig)).isTrue();
        assertThat(suite.verify(other.publicKey(), MESSAGE, sig)).isFalse();
        byte[] altered = MESSAGE.clone();
        altered[0] ^= 1;
        assertThat(suite.verify(key.publicKey(), altered, sig)).isFalse();
        byte[] badSig = sig.clone();
        badSig[badSig.length / 2] ^= 1;
        assertThat(suite.verify(key.publicKey(), MESSAGE, badSig)).isFalse();
        assertThat(suite.verify(key.publicKey(), MESSAGE, new byte[0])).isFalse();
        assertThat(suite.verify(key.publicKey(), MESSAGE, Arrays.copyOf(sig, sig.length + 1))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void keysSurviveTheirStandardEncodings(int id) {
        CryptoSuite suite = suites.byId(id);
        for (KeyPurpose purpose : KeyPurpose.values()) {
            SuitePrivateKey key = suite.generate(purpose);
            SuitePrivateKey reloaded = suite.privateKey(purpose, key.pkcs8());
            assertThat(reloaded.keyId()).isEqualTo(key.keyId());
            assertThat(reloaded.publicKey().subjectPublicKeyInfo()).isEqualTo(key.publicKey().subjectPublicKeyInfo());
            assertThat(suite.publicKey(purpose, key.publicKey().subjectPublicKeyInfo()).keyId()).isEqualTo(key.keyId());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void privateKeysAreWrittenAsPkcs8VersionOneWhichEveryToolkitReads(int id) {
        for (KeyPurpose purpose : KeyPurpose.values()) {
            byte[] pkcs8 = suites.byId(id).generate(purpose).pkcs8();
            var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8);
            assertThat(info.getVersion().intValueExact()).isZero();
            assertThat(info.getPublicKeyData()).isNull();
        }
    }

    @Test
    void keyIdIsTheFirstSixteenOctetsOfTheSha256OfTheSubjectPublicKeyInfo() throws Exception {
        SuitePrivateKey key = suites.defaultSuite().generate(KeyPurpose.SIGNING);
        byte[] spki = key.publicKey().subjectPublicKeyInfo();
        byte[] expected = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(spki), 16);
        assertThat(key.keyId().bytes()).isEqualTo(expected);
        assertThat(KeyId.parse(key.keyId().toString())).isEqualTo(key.keyId());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void hpkeRoundTripsAndRejectsTheWrongKeyOrAlteredInput(int id) {
        CryptoSuite suite = suites.byId(id);
        SuitePrivateKey recipient = suite.generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey wrong = suite.generate(KeyPurpose.ENCRYPTION);
        byte[] info = {1, 2};
        byte[] aad = {3, 4};
        HpkeCiphertext ct = suite.seal(recipient.publicKey(), info, aad, MESSAGE);

        assertThat(suite.open(recipient, info, aad, ct)).isEqualTo(MESSAGE);
        assertThatThrownBy(() -> suite.open(wrong, info, aad, ct)).isInstanceOf(VerificationException.class)
                .extracting(e -> ((VerificationException) e).failure()).isEqualTo(VerificationException.Failure.DECRYPTION_FAILED);
        assertThatThrownBy(() -> suite.open(recipient, info, new byte[] {3, 5}, ct)).isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> suite.open(recipient, new byte[] {9}, aad, ct)).isInstanceOf(VerificationException.class);
        byte[] enc = ct.enc();
        enc[enc.length - 1] ^= 1;
        assertThatThrownBy(() -> suite.open(recipient, info, aad, new HpkeCiphertext(enc, ct.ciphertext())))
                .isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> suite.open(recipient, info, aad, new HpkeCiphertext(new byte[3], ct.ciphertext())))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void keysOfTheWrongPurposeOrSuiteAreRefused() {
        CryptoSuite x25519 = suites.byId(1);
        CryptoSuite p256 = suites.byId(2);
        SuitePrivateKey signing = x25519.generate(KeyPurpose.SIGNING);
        SuitePrivateKey encryption = x25519.generate(KeyPurpose.ENCRYPTION);

        assertThatThrownBy(() -> x25519.sign(encryption, MESSAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p256.sign(signing, MESSAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x25519.publicKey(KeyPurpose.ENCRYPTION, signing.publicKey().subjectPublicKeyInfo()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> p256.privateKey(KeyPurpose.SIGNING, signing.pkcs8())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> x25519.publicKey(KeyPurpose.SIGNING, new byte[] {0x30, 0x00}))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void unknownSuitesAreATypedError() {
        assertThatThrownBy(() -> suites.byId(99)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("unsupported crypto suite 99");
        assertThatThrownBy(() -> suites.byName("ROT13")).isInstanceOf(VerificationException.class);
        assertThat(suites.byName("x25519-sha256-aes256gcm-ed25519").id()).isEqualTo(1);
        assertThat(suites.byName("2").name()).isEqualTo("P256-SHA256-AES128GCM-ECDSA-P256");
        assertThat(suites.defaultSuite().id()).isEqualTo(CryptoSuites.X25519_ED25519);
    }

    @Test
    void privateKeysNeverShowKeyMaterial() {
        SuitePrivateKey key = suites.defaultSuite().generate(KeyPurpose.SIGNING);
        String hex = java.util.HexFormat.of().formatHex(key.pkcs8());
        assertThat(key.toString()).doesNotContain(hex.substring(hex.length() - 32));
    }
}
