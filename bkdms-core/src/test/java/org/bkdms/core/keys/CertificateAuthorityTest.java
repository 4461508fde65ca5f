package org.bkdms.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bkdms.core.record.SiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    @TempDir
    Path dir;

    @Test
    void issuedCertificatesChainToTheCaAndCarryRoleAndSiteId() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Trondheim BKDMS CA", Duration.ofDays(3650));
        CertificateAuthority.Issued site = ca.issue("site 7", "site", SiteId.parse("10.20.0.7"), List.of(), List.of(),
                Duration.ofDays(365));
        X509Certificate leaf = site.chain().get(0);
        leaf.verify(ca.certificate().getPublicKey());
        leaf.checkValidity();
        assertThat(leaf.getSubjectX500Principal().getName()).contains("OU=site", "CN=site 7");
        assertThat(leaf.getSubjectAlternativeNames()).singleElement()
                .satisfies(n -> assertThat(List.<Object>copyOf(n)).containsExactly(7, "10.20.0.7"));
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.certificate().getBasicConstraints()).isZero();

        CertificateAuthority.Issued node = ca.issue("node-1", "node", null, List.of("127.0.0.1", "::1"),
                List.of("localhost"), Duration.ofDays(365));
        List<Object> names = node.chain().get(0).getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList();
        assertThat(names).contains("127.0.0.1", "localhost");
    }

    @Test
    void rolesAndSiteIdsMustAgree() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1));
        assertThatThrownBy(() -> ca.issue("s", "site", null, List.of(), List.of(), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue("p", "platform", SiteId.parse("10.0.0.1"), List.of(), List.of(), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue("x", "admin", null, List.of(), List.of(), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCaSurvivesItsKeystoreAndTlsKeysGoIntoKeystores() throws Exception {
        char[] pw = "pw".toCharArray();
        CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(10));
        Path file = dir.resolve("ca.p12");
        ca.save(file, pw);
        CertificateAuthority loaded = CertificateAuthority.load(file, pw);
        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        CertificateAuthority.Issued issued = loaded.issue("platform", "platform", null, List.of(), List.of(),
                Duration.ofDays(1));
        issued.chain().get(0).verify(ca.certificate().getPublicKey());

        KeyStoreFile ks = KeyStoreFile.empty(org.bkdms.core.crypto.CryptoSuites.standard());
        ks.putTlsKey(CertificateAuthority.TLS_ALIAS, issued.privateKey(), issued.chain(), pw);
        Path tls = dir.resolve("platform.p12");
        ks.save(tls, pw);
        java.security.KeyStore jks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(tls)) {
            jks.load(in, pw);
        }
        assertThat(jks.getCertificateChain(CertificateAuthority.TLS_ALIAS)).hasSize(2);
        assertThat(CertificateAuthority.toPem(List.of(ca.certificate()))).startsWith("-----BEGIN CERTIFICATE-----");
    }
}
