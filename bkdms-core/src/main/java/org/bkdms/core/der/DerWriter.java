package org.bkdms.core.der;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds a Distinguished Encoding Rules encoding (ITU-T X.690 clause 10) element by element.
 *
 * <p>Constructed elements are written with {@link #sequence(Consumer)}, whose content is encoded
 * first so that the minimal length can be written in front of it. Instances are not thread-safe
 * and are meant to be used for one encoding.
 */
public final class DerWriter {
    private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private byte[] buf;
    private int size;

    /** Creates a writer with a small initial buffer. */
    public DerWriter() {
        this(256);
    }

    private DerWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** @return a copy of the bytes written so far */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * @param content writes the SEQUENCE's elements
     * @return this writer
     */
    public DerWriter sequence(Consumer<DerWriter> content) {
        DerWriter inner = new DerWriter(128);
        content.accept(inner);
        writeElement(DerTag.SEQUENCE, inner.buf, 0, inner.size);
        return this;
    }

    /**
     * Writes a constructed, context-specific element {@code [n]} (EXPLICIT tagging): used for the
     * alternatives of a CHOICE.
     *
     * @param n tag number, 0..30
     * @param content writes the element's content
     * @return this writer
     */
    public DerWriter explicit(int n, Consumer<DerWriter> content) {
        if (n < 0 || n > 30) {
            throw new IllegalArgumentException("context tag number must be 0..30");
        }
        DerWriter inner = new DerWriter(128);
        content.accept(inner);
        writeElement(DerTag.contextConstructed(n), inner.buf, 0, inner.size);
        return this;
    }

    /**
     * Appends an already encoded element verbatim (for example a nested structure).
     *
     * @param encoded complete DER element
     * @return this writer
     */
    public DerWriter raw(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buf, size, encoded.length);
        size += encoded.length;
        return this;
    }

    /**
     * @param value integer value
     * @return this writer
     */
    public DerWriter integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /**
     * @param value integer value
     * @return this writer
     */
    public DerWriter integer(BigInteger value) {
        byte[] c = value.toByteArray(); // two's complement, already minimal
        return writeElement(DerTag.INTEGER, c, 0, c.length);
    }

    /**
     * @param value enumerated value
     * @return this writer
     */
    public DerWriter enumerated(int value) {
        byte[] c = BigInteger.valueOf(value).toByteArray();
        return writeElement(DerTag.ENUMERATED, c, 0, c.length);
    }

    /**
     * @param value boolean value
     * @return this writer
     */
    public DerWriter bool(boolean value) {
        return writeElement(DerTag.BOOLEAN, new byte[] {value ? (byte) 0xFF : 0x00}, 0, 1);
    }

    /**
     * @param value octets
     * @return this writer
     */
    public DerWriter octetString(byte[] value) {
        return writeElement(DerTag.OCTET_STRING, value, 0, value.length);
    }

    /**
     * Writes a named-bit-list BIT STRING: trailing zero bits are dropped as DER requires.
     *
     * @param bits bit 0 is the most significant bit of the first octet
     * @return this writer
     */
    public DerWriter namedBits(long bits) {
        if (bits < 0) {
            throw new IllegalArgumentException("bits must be non-negative");
        }
        int highest = 63 - Long.numberOfLeadingZeros(bits); // index of the highest set bit, -1 if none
        if (highest < 0) {
            return writeElement(DerTag.BIT_STRING, new byte[] {0}, 0, 1);
        }
        int octets = highest / 8 + 1;
        byte[] c = new byte[octets + 1];
        c[0] = (byte) (7 - highest % 8);
        for (int i = 0; i <= highest; i++) {
            if ((bits & (1L << i)) != 0) {
                c[1 + i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return writeElement(DerTag.BIT_STRING, c, 0, c.length);
    }

    /**
     * @param value text
     * @return this writer
     */
    public DerWriter utf8String(String value) {
        byte[] c = value.getBytes(StandardCharsets.UTF_8);
        return writeElement(DerTag.UTF8_STRING, c, 0, c.length);
    }

    /**
     * @param value text made only of PrintableString characters
     * @return this writer
     */
    public DerWriter printableString(String value) {
        for (int i = 0; i < value.length(); i++) {
            // checked per char: getBytes(US_ASCII) would turn non-ASCII into '?', a valid character
            if (!isPrintable(value.charAt(i))) {
                throw new IllegalArgumentException("not a PrintableString: " + value);
            }
        }
        byte[] c = value.getBytes(StandardCharsets.US_ASCII);
        return writeElement(DerTag.PRINTABLE_STRING, c, 0, c.length);
    }

    /**
     * @param value ASCII text
     * @return this writer
     */
    public DerWriter ia5String(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("not an IA5String: " + value);
            }
        }
        byte[] c = value.getBytes(StandardCharsets.US_ASCII);
        return writeElement(DerTag.IA5_STRING, c, 0, c.length);
    }

    /**
     * @param value instant, written in UTC with the shortest exact fraction
     * @return this writer
     */
    public DerWriter generalizedTime(Instant value) {
        byte[] c = formatGeneralizedTime(value).getBytes(StandardCharsets.US_ASCII);
        return writeElement(DerTag.GENERALIZED_TIME, c, 0, c.length);
    }

    /**
     * @param value instant between years 0000 and 9999
     * @return the DER GeneralizedTime text
     */
    public static String formatGeneralizedTime(Instant value) {
        if (value.isBefore(FIRST_INSTANT) || value.isAfter(LAST_INSTANT)) {
            throw new IllegalArgumentException("year outside 0000..9999: " + value);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(25);
        pad(sb, t.getYear(), 4);
        pad(sb, t.getMonthValue(), 2);
        pad(sb, t.getDayOfMonth(), 2);
        pad(sb, t.getHour(), 2);
        pad(sb, t.getMinute(), 2);
        pad(sb, t.getSecond(), 2);
        int nanos = value.getNano();
        if (nanos != 0) {
            StringBuilder f = new StringBuilder(9);
            pad(f, nanos, 9);
            int len = 9;
            while (f.charAt(len - 1) == '0') {
                len--;
            }
            sb.append('.').append(f, 0, len);
        }
        return sb.append('Z').toString();
    }

    /**
     * Parses the DER GeneralizedTime form written by {@link #formatGeneralizedTime(Instant)}.
     *
     * @param s text
     * @return the instant
     * @throws IllegalArgumentException if the text is not in that exact form
     */
    static Instant parseGeneralizedTime(String s) {
        int n = s.length();
        if (n < 15 || s.charAt(n - 1) != 'Z') {
            throw new IllegalArgumentException("must be YYYYMMDDHHMMSS[.f]Z");
        }
        for (int i = 0; i < 14; i++) {
            if (!isDigit(s.charAt(i))) {
                throw new IllegalArgumentException("digit expected");
            }
        }
        int nanos = 0;
        if (n > 15) {
            if (s.charAt(14) != '.' || n - 16 < 1 || n - 16 > 9 || s.charAt(n - 2) == '0') {
                throw new IllegalArgumentException("fraction must be 1..9 digits without trailing zeros");
            }
            for (int i = 15; i < n - 1; i++) {
                if (!isDigit(s.charAt(i))) {
                    throw new IllegalArgumentException("digit expected");
                }
                nanos = nanos * 10 + (s.charAt(i) - '0');
            }
            for (int i = n - 16; i < 9; i++) {
                nanos *= 10;
            }
        }
        LocalDateTime t = LocalDateTime.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8),
                num(s, 8, 10), num(s, 10, 12), num(s, 12, 14), nanos);
        return t.toInstant(ZoneOffset.UTC);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String d = Integer.toString(v);
        for (int i = d.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(d);
    }

    static boolean isPrintable(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || " '()+,-./:=?".indexOf(c) >= 0;
    }

    private DerWriter writeElement(int tag, byte[] content, int off, int len) {
        ensure(len + 6);
        buf[size++] = (byte) tag;
        if (len < 0x80) {
            buf[size++] = (byte) len;
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
            buf[size++] = (byte) (0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                buf[size++] = (byte) (len >>> (8 * i));
            }
        }
        System.arraycopy(content, off, buf, size, len);
        size += len;
        return this;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
