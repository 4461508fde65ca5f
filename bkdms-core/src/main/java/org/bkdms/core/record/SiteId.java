package org.bkdms.core.record;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The "Site ID" part of a unified KPI record: the IPv4 (4 octets) or IPv6 (16 octets) address of
 * the data collecting equipment. Parsing accepts address literals only and never resolves a name.
 */
public final class SiteId {
    private final byte[] address;

    private SiteId(byte[] address) {
        this.address = address;
    }

    /**
     * @param address 4 or 16 octets; copied
     * @return the site id
     * @throws ValidationException if the length is neither 4 nor 16
     */
    public static SiteId of(byte[] address) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            throw new ValidationException(Violation.INVALID_SITE_ID, "site id must be 4 (IPv4) or 16 (IPv6) octets");
        }
        return new SiteId(address.clone());
    }

    /**
     * @param literal an IPv4 dotted quad or an IPv6 literal (optionally in brackets)
     * @return the site id
     * @throws ValidationException if the text is not an address literal
     */
    public static SiteId parse(String literal) {
        String s = literal == null ? "" : literal.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') >= 0) {
            return of(parseIpv6(s, literal));
        }
        return of(parseIpv4(s, literal));
    }

    private static byte[] parseIpv4(String s, String original) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(original);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(
                    c -> c >= '0' && c <= '9')) {
                throw invalid(original);
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw invalid(original);
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseIpv6(String s, String original) {
        // Only hex digits, ':' and '.' (embedded IPv4) may appear; with a ':' present the JDK parses
        // the text as a literal and never performs a name lookup. Zone ids (%) are refused.
        if (s.length() > 45 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw invalid(original);
        }
        try {
            byte[] a = InetAddress.getByName(s).getAddress();
            if (a.length == 4) {
                // an IPv4-mapped literal (::ffff:a.b.c.d) is returned as IPv4 by the JDK; keep 16 octets
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(a, 0, mapped, 12, 4);
                return mapped;
            }
            return a;
        } catch (UnknownHostException e) {
            throw invalid(original);
        }
    }

    private static ValidationException invalid(String literal) {
        return new ValidationException(Violation.INVALID_SITE_ID, "site id '" + literal
                + "' is not an IPv4 or IPv6 address literal");
    }

    /** @return a copy of the 4 or 16 address octets */
    public byte[] address() {
        return address.clone();
    }

    /** @return whether this is an IPv6 address */
    public boolean isIpv6() {
        return address.length == 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteId other && Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address);
    }

    /** @return the address in its usual text form ({@code 10.0.0.7}, {@code 2001:db8:0:0:0:0:0:1}) */
    @Override
    public String toString() {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((address[i] & 0xFF) << 8) | (address[i + 1] & 0xFF)));
        }
        return sb.toString();
    }
}
