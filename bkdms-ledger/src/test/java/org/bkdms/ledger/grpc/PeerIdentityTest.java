package org.bkdms.ledger.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bkdms.core.record.SiteId;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerIdentityTest {
    private static TestPki ca;

    @BeforeAll
    static void pki() {
        ca = TestPki.create("identity test CA");
    }

    @Test
    void aSiteIsItsIpv4AddressSubjectAltName() {
        PeerIdentity id = PeerIdentity.fromCertificate(ca.site("10.20.0.7").certificate());
        assertThat(id.role()).isEqualTo(PeerRole.SITE);
        assertThat(id.siteId()).contains(SiteId.parse("10.20.0.7"));
        assertThat(id.isSite(SiteId.parse("10.20.0.7"))).isTrue();
        assertThat(id.isSite(SiteId.parse("10.20.0.8"))).isFalse();
    }

    @Test
    void aSiteMayBeIpv6() {
        PeerIdentity id = PeerIdentity.fromCertificate(ca.site("2001:db8::17").certificate());
        assertThat(id.siteId()).contains(SiteId.parse("2001:db8::17"));
    }

    @ParameterizedTest
    @CsvSource({"OU=platform, PLATFORM", "OU=node, NODE", "OU=auditor, AUDITOR", "OU=Platform, PLATFORM",
        "OU=city ops+OU=auditor, AUDITOR"})
    void theRoleIsTheOrganizationalUnit(String ou, PeerRole role) {
        PeerIdentity id = PeerIdentity.fromCertificate(ca.issue("CN=x," + ou + ",O=BKDMS test", List.of(
                new GeneralName(GeneralName.iPAddress, "192.0.2.1"))).certificate());
        assertThat(id.role()).isEqualTo(role);
        // only a site's address is a Site ID
        assertThat(id.siteId()).isEmpty();
    }

    @Test
    void aCertificateWithoutARoleIsRefused() {
        assertThatThrownBy(() -> PeerIdentity.fromCertificate(ca.issue("CN=x,O=BKDMS test", List.of()).certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one role");
    }

    @Test
    void aCertificateWithTwoRolesIsRefused() {
        assertThatThrownBy(() -> PeerIdentity.fromCertificate(ca.issue("CN=x,OU=site,OU=platform,O=BKDMS test",
                List.of(new GeneralName(GeneralName.iPAddress, "192.0.2.1"))).certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one role");
    }

    @Test
    void aSiteCertificateNeedsExactlyOneAddress() {
        assertThatThrownBy(() -> PeerIdentity.fromCertificate(ca.issue("CN=x,OU=site", List.of(
                new GeneralName(GeneralName.dNSName, "site.example"))).certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 0");
        assertThatThrownBy(() -> PeerIdentity.fromCertificate(ca.issue("CN=x,OU=site", List.of(
                new GeneralName(GeneralName.iPAddress, "192.0.2.1"), new GeneralName(GeneralName.iPAddress, "192.0.2.2")))
                .certificate())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2");
    }

    @Test
    void anAddressWithAMaskIsNotASiteId() {
        GeneralName masked = new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 0, -1, 0, 0, 0}));
        assertThatThrownBy(() -> PeerIdentity.fromCertificate(ca.issue("CN=x,OU=site", List.of(masked)).certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 octets");
    }
}
