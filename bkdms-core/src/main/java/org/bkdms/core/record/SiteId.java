package org.bkdms.core.record;

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
     * @param literal an IPv4 dotted quad, or an IPv6 literal (RFC 4291 text form, optionally in
     *     brackets, with an embedded IPv4 tail allowed)
     * @return the site id
     * @throws ValidationException if the text is not an address literal
     */
    public static SiteId parse(String literal) {
        String s = literal == null ? "" : literal.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            byte[] v6 = parseIpv6(s.substring(1, s.length() - 1));
            if (v6 == null) {
                throw invalid(literal);
            }
            return new SiteId(v6);
        }
        byte[] a = s.indexOf(':') >= 0 ? parseIpv6(s) : parseIpv4(s);
        if (a == null) {
            throw invalid(literal);
        }
        return new SiteId(a);
    }

    /** Parses a dotted quad without leading zeros; returns null if the text is not one. */
    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /**
     * Parses the RFC 4291 section 2.2 text forms entirely here, so that no input can ever reach
     * the name service; returns null if the text is not an IPv6 literal. Zone ids are refused.
     */
    private static byte[] parseIpv6(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        byte[] headBytes = groups(head, gap < 0);
        byte[] tailBytes = groups(tail, true);
        if (headBytes == null || tailBytes == null) {
            return null;
        }
        int total = headBytes.length + tailBytes.length;
        if (gap < 0 ? total != 16 : total > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, out, 16 - tailBytes.length, tailBytes.length);
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted quad when {@code ipv4Allowed}. */
    private static byte[] groups(String s, boolean ipv4Allowed) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        byte[] out = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4Allowed && p.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(p);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, n, 4);
                n += 4;
                break;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
                return null;
            }
            int v = Integer.parseInt(p, 16);
            out[n++] = (byte) (v >>> 8);
            out[n++] = (byte) v;
        }
        return java.util.Arrays.copyOf(out, n);
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
