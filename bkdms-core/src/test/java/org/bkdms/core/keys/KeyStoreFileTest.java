package org.bkdms.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.DecodeException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyStoreFileTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private final CryptoSuites suites = CryptoSuites.standard();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void keysSurviveAPkcs12RoundTripWithTheirPurpose(int suiteId) throws Exception {
        CryptoSuite suite = suites.byId(suiteId);
        SuitePrivateKey admin = suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey enc = suite.generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey site = suite.generate(KeyPurpose.SIGNING);
        KeyStoreFile ks = KeyStoreFile.empty(suites);
        ks.putPrivateKey(KeyAliases.PLATFORM_ADMIN, admin, "platform admin", null, PASSWORD);
        var cert = ks.putPrivateKey(KeyAliases.PLATFORM_ENCRYPTION, enc, "platform, encryption", admin, PASSWORD);
        ks.putCertificate("site-7", ks.putPrivateKey("tmp", site, "site 7", null, PASSWORD));
        Path file = dir.resolve("platform.p12");
        ks.save(file, PASSWORD);

        KeyStoreFile loaded = KeyStoreFile.load(file, PASSWORD, suites);
        assertThat(loaded.aliases()).containsExactly(KeyAliases.PLATFORM_ADMIN, KeyAliases.PLATFORM_ENCRYPTION, "site-7", "tmp");
        SuitePrivateKey encLoaded = loaded.privateKey(KeyAliases.PLATFORM_ENCRYPTION, PASSWORD);
        assertThat(encLoaded.keyId()).isEqualTo(enc.keyId());
        assertThat(encLoaded.publicKey().purpose()).isEqualTo(KeyPurpose.ENCRYPTION);
        assertThat(encLoaded.suite().id()).isEqualTo(suiteId);
        assertThat(loaded.privateKey(KeyAliases.PLATFORM_ADMIN, PASSWORD).publicKey().purpose()).isEqualTo(KeyPurpose.SIGNING);
        SuitePublicKey sitePublic = loaded.publicKey("site-7");
        assertThat(sitePublic.keyId()).isEqualTo(site.keyId());
        assertThat(loaded.isPrivateKey("site-7")).isFalse();
        // the admin key certifies the encryption key
        cert.verify(KeyStoreFile.toJca(admin.publicKey()));
    }

    @Test
    void aWrongPasswordIsAnIoErrorAndAMissingEntryIsNamed() throws Exception {
        KeyStoreFile ks = KeyStoreFile.empty(suites);
        ks.putPrivateKey(KeyAliases.SITE_SIGNING, suites.defaultSuite().generate(KeyPurpose.SIGNING), "site", null, PASSWORD);
        Path file = dir.resolve("site.p12");
        ks.save(file, PASSWORD);
        assertThatThrownBy(() -> KeyStoreFile.load(file, "wrong".toCharArray(), suites)).isInstanceOf(IOException.class);
        KeyStoreFile loaded = KeyStoreFile.load(file, PASSWORD, suites);
        assertThatThrownBy(() -> loaded.privateKey("nope", PASSWORD)).hasMessageContaining("site-signing");
        assertThat(Files.list(dir)).containsExactly(file); // no temporary file left behind
    }

    @Test
    void pemFilesRoundTripAndPrivateKeysAreOwnerOnly() throws Exception {
        SuitePrivateKey key = suites.byId(2).generate(KeyPurpose.ENCRYPTION);
        Path pub = dir.resolve("k.pub.pem");
        Path priv = dir.resolve("k.key.pem");
        PemFiles.writePublicKey(pub, key.publicKey());
        PemFiles.writePrivateKey(priv, key);
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(priv)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));
        assertThat(PemFiles.readPublicKey(pub, KeyPurpose.ENCRYPTION, suites).keyId()).isEqualTo(key.keyId());
        assertThat(PemFiles.readPrivateKey(priv, KeyPurpose.ENCRYPTION, suites).keyId()).isEqualTo(key.keyId());
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "hello");
        assertThatThrownBy(() -> PemFiles.readPublicKey(garbage, KeyPurpose.SIGNING, suites))
                .isInstanceOf(DecodeException.class);
    }
}
