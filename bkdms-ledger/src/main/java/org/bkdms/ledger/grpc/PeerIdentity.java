package org.bkdms.ledger.grpc;

import io.grpc.Context;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.record.SiteId;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Who is calling the ledger, as proven by the client certificate that the TLS handshake verified:
 * a {@link PeerRole} and, for a sampling site, its Site ID.
 *
 * <p>The scheme, which the smart city platform's CA follows when it issues certificates:
 * <ul>
 *   <li>the role is the subject's organizational unit: {@code OU=site}, {@code OU=platform},
 *       {@code OU=node} or {@code OU=auditor} (case ignored). Other OU values are ignored; a subject
 *       that names no role, or more than one, is refused;</li>
 *   <li>a site's id is the certificate's only {@code iPAddress} SubjectAltName entry (4 octets for
 *       IPv4, 16 for IPv6), which is exactly the Y.4907 Site ID the site writes into its records.
 *       A site certificate with none or several is refused. Other roles' IP entries (a node's
 *       own address, say) are not Site IDs and are ignored.</li>
 * </ul>
 * Binding the Site ID to the certificate is what "site certificates are bound to the site's
 * registry entry" means here: the contracts then check the submission's signature against the
 * key registered for that Site ID. Immutable.
 */
public final class PeerIdentity {
    /** Where the server interceptor puts the caller's identity for the call's handlers. */
    static final Context.Key<PeerIdentity> CONTEXT_KEY = Context.key("bkdms-peer-identity");

    private final PeerRole role;
    private final SiteId site;
    private final String subject;

    private PeerIdentity(PeerRole role, SiteId site, String subject) {
        this.role = Objects.requireNonNull(role, "role");
        this.site = site;
        this.subject = Objects.requireNonNull(subject, "subject");
        if ((role == PeerRole.SITE) != (site != null)) {
            throw new IllegalArgumentException("a site identity needs a Site ID and only a site has one");
        }
    }

    /**
     * @param site the site
     * @param subject the certificate subject, for logs
     * @return the identity of a sampling site
     */
    public static PeerIdentity site(SiteId site, String subject) {
        return new PeerIdentity(PeerRole.SITE, Objects.requireNonNull(site, "site"), subject);
    }

    /**
     * @param role any role but {@link PeerRole#SITE}
     * @param subject the certificate subject, for logs
     * @return the identity
     */
    public static PeerIdentity of(PeerRole role, String subject) {
        return new PeerIdentity(role, null, subject);
    }

    /**
     * Derives the identity from a verified certificate, following the scheme in the class comment.
     * The caller MUST have verified the certificate (the TLS handshake does); this method only
     * reads it.
     *
     * @param certificate the peer's end-entity certificate
     * @return its identity
     * @throws IllegalArgumentException if the certificate does not name exactly one role, or names a
     *     site without exactly one iPAddress SubjectAltName
     */
    public static PeerIdentity fromCertificate(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        Set<PeerRole> roles = EnumSet.noneOf(PeerRole.class);
        for (RDN rdn : name.getRDNs(BCStyle.OU)) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.OU)) {
                    PeerRole.ofOrganizationalUnit(text(atv.getValue())).ifPresent(roles::add);
                }
            }
        }
        if (roles.size() != 1) {
            throw new IllegalArgumentException("certificate '" + subject + "' must name exactly one role"
                    + " (OU=site, platform, node or auditor) but names " + roles);
        }
        PeerRole role = roles.iterator().next();
        if (role != PeerRole.SITE) {
            return of(role, subject);
        }
        List<byte[]> addresses = ipAddresses(certificate);
        if (addresses.size() != 1) {
            throw new IllegalArgumentException("site certificate '" + subject
                    + "' must carry exactly one iPAddress SubjectAltName (its Site ID) but has " + addresses.size());
        }
        try {
            return site(SiteId.of(addresses.get(0)), subject);
        } catch (ValidationException e) {
            // 8 or 32 octets: an address with a mask, as used in name constraints, is not a Site ID
            throw new IllegalArgumentException("site certificate '" + subject + "' has an iPAddress of "
                    + addresses.get(0).length + " octets, which is not a Site ID", e);
        }
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value);
    }

    private static List<byte[]> ipAddresses(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        List<byte[]> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        // getExtensionValue wraps the extension's DER in an OCTET STRING
        GeneralNames names = GeneralNames.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() == GeneralName.iPAddress) {
                out.add(ASN1OctetString.getInstance(n.getName()).getOctets());
            }
        }
        return out;
    }

    /**
     * The identity of the caller whose call the current thread is handling.
     *
     * @return it, inside a call to a {@link LedgerServer}; empty elsewhere
     */
    public static Optional<PeerIdentity> current() {
        return Optional.ofNullable(CONTEXT_KEY.get());
    }

    /** @return the caller's role */
    public PeerRole role() {
        return role;
    }

    /** @return the site's id, for {@link PeerRole#SITE}; empty for other roles */
    public Optional<SiteId> siteId() {
        return Optional.ofNullable(site);
    }

    /**
     * @param siteId a Site ID
     * @return whether this peer is that sampling site
     */
    public boolean isSite(SiteId siteId) {
        return role == PeerRole.SITE && site.equals(siteId);
    }

    /** @return the certificate subject (RFC 2253), for logs */
    public String subject() {
        return subject;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerIdentity p && role == p.role && Objects.equals(site, p.site) && subject.equals(p.subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, site, subject);
    }

    @Override
    public String toString() {
        return role.organizationalUnit() + (site == null ? "" : " " + site) + " (" + subject + ")";
    }
}
