package org.bkdms.core.der;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import org.bkdms.core.error.DecodeException;

/**
 * A strict reader of Distinguished Encoding Rules (ITU-T X.690 clause 10) over a byte array.
 *
 * <p>Only the canonical form is accepted: definite, minimally encoded lengths; minimal INTEGERs;
 * BOOLEAN as 0x00 or 0xFF; GeneralizedTime in UTC without trailing fractional zeros; no data after
 * the last element. Every rejection is a {@link DecodeException} naming the absolute byte offset.
 * Lengths are checked against the bytes actually present before anything is allocated, so a
 * hostile length field cannot make the reader allocate more than the input's size.
 *
 * <p>Instances are not thread-safe; a reader over a nested element is obtained with
 * {@link #readSequence()}.
 */
public final class DerReader {
    private final byte[] data;
    private final int end;
    private int pos;

    private DerReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /**
     * @param data the encoding; not copied, must not change while read
     * @return a reader positioned at the first element
     */
    public static DerReader of(byte[] data) {
        return new DerReader(data, 0, data.length);
    }

    /**
     * Opens a BKDMS top-level structure: checks the size limit before parsing, requires exactly one
     * SEQUENCE with nothing after it, and reads and checks its leading version INTEGER.
     *
     * @param der the encoding
     * @param maxLength largest encoding accepted, in octets
     * @param version the only version accepted
     * @param structure name of the structure, for messages
     * @return a reader over the SEQUENCE content, positioned after the version
     */
    public static DerReader openVersioned(byte[] der, int maxLength, int version, String structure) {
        if (der.length > maxLength) {
            throw new DecodeException(0, structure + " of " + der.length + " octets exceeds the limit of " + maxLength);
        }
        DerReader top = of(der);
        DerReader r = top.readSequence();
        top.expectEnd();
        int at = r.position();
        long v = r.readLong(0, Integer.MAX_VALUE, "version");
        if (v != version) {
            throw new DecodeException(at, "unsupported " + structure + " version " + v);
        }
        return r;
    }

    /** @return absolute offset of the next element */
    public int position() {
        return pos;
    }

    /** @return whether elements remain in this reader's range */
    public boolean hasRemaining() {
        return pos < end;
    }

    /**
     * @return the identifier octet of the next element
     * @throws DecodeException if no element remains
     */
    public int peekTag() {
        if (pos >= end) {
            throw new DecodeException(pos, "expected another element but the input ends");
        }
        return data[pos] & 0xFF;
    }

    /**
     * @throws DecodeException if any byte remains in this reader's range
     */
    public void expectEnd() {
        if (pos != end) {
            throw new DecodeException(pos, (end - pos) + " unexpected trailing byte(s)");
        }
    }

    /**
     * Reads a SEQUENCE header and returns a reader over its content, advancing this reader past it.
     *
     * @return reader over the SEQUENCE content
     */
    public DerReader readSequence() {
        int contentStart = readHeader(DerTag.SEQUENCE);
        int contentEnd = contentStart + lastLength;
        pos = contentEnd;
        return new DerReader(data, contentStart, contentEnd);
    }

    /**
     * Reads a constructed, context-specific {@code [n]} header and returns a reader over its
     * content, advancing this reader past it.
     *
     * @param n tag number, 0..30
     * @return reader over the element's content
     */
    public DerReader readExplicit(int n) {
        int contentStart = readHeader(DerTag.contextConstructed(n));
        int contentEnd = contentStart + lastLength;
        pos = contentEnd;
        return new DerReader(data, contentStart, contentEnd);
    }

    /**
     * Returns the whole next element (identifier, length and content) as a copy.
     *
     * @param expectedTag the identifier octet required
     * @return the element's complete encoding
     */
    public byte[] readElement(int expectedTag) {
        int start = pos;
        int contentStart = readHeader(expectedTag);
        pos = contentStart + lastLength;
        return Arrays.copyOfRange(data, start, pos);
    }

    /** @return the next INTEGER of any size */
    public BigInteger readBigInteger() {
        return new BigInteger(integerContent(DerTag.INTEGER));
    }

    /**
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param field name of the field, for messages
     * @return the next INTEGER, known to fit in {@code [min, max]}
     */
    public long readLong(long min, long max, String field) {
        return readRanged(DerTag.INTEGER, min, max, field);
    }

    /**
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param field name of the field, for messages
     * @return the next ENUMERATED value, known to fit in {@code [min, max]}
     */
    public int readEnumerated(int min, int max, String field) {
        return (int) readRanged(DerTag.ENUMERATED, min, max, field);
    }

    private long readRanged(int tag, long min, long max, String field) {
        int at = pos;
        byte[] content = integerContent(tag);
        if (content.length > 8) {
            throw new DecodeException(at, field + " out of range [" + min + ", " + max + "]");
        }
        long value = new BigInteger(content).longValue();
        if (value < min || value > max) {
            throw new DecodeException(at, field + " = " + value + " out of range [" + min + ", " + max + "]");
        }
        return value;
    }

    private byte[] integerContent(int tag) {
        int at = pos;
        int start = readHeader(tag);
        int len = lastLength;
        if (len == 0) {
            throw new DecodeException(at, DerTag.name(tag) + " with empty content");
        }
        if (len > 1) {
            int first = data[start];
            int second = data[start + 1];
            if ((first == 0 && (second & 0x80) == 0) || (first == -1 && (second & 0x80) != 0)) {
                throw new DecodeException(at, DerTag.name(tag) + " is not minimally encoded");
            }
        }
        pos = start + len;
        return Arrays.copyOfRange(data, start, start + len);
    }

    /** @return the next BOOLEAN */
    public boolean readBoolean() {
        int at = pos;
        int start = readHeader(DerTag.BOOLEAN);
        if (lastLength != 1) {
            throw new DecodeException(at, "BOOLEAN must have 1 content octet, found " + lastLength);
        }
        int v = data[start] & 0xFF;
        pos = start + 1;
        if (v == 0x00) {
            return false;
        }
        if (v == 0xFF) {
            return true;
        }
        throw new DecodeException(at, String.format("BOOLEAN must be 0x00 or 0xFF in DER, found 0x%02X", v));
    }

    /**
     * @param minLength fewest octets allowed
     * @param maxLength most octets allowed
     * @param field name of the field, for messages
     * @return the content of the next OCTET STRING
     */
    public byte[] readOctetString(int minLength, int maxLength, String field) {
        int at = pos;
        int start = readHeader(DerTag.OCTET_STRING);
        checkSize(at, field, minLength, maxLength);
        pos = start + lastLength;
        return Arrays.copyOfRange(data, start, pos);
    }

    /**
     * @param maxLength most content octets allowed
     * @param field name of the field, for messages
     * @return the next BIT STRING's bits as a big-endian, left-aligned byte array (unused bits are zero)
     */
    public byte[] readBitString(int maxLength, String field) {
        int at = pos;
        int start = readHeader(DerTag.BIT_STRING);
        checkSize(at, field, 1, maxLength + 1);
        int unused = data[start] & 0xFF;
        int len = lastLength;
        if (unused > 7 || (len == 1 && unused != 0)) {
            throw new DecodeException(at, field + ": invalid unused-bit count " + unused);
        }
        if (len > 1) {
            int last = data[start + len - 1] & 0xFF;
            if (Integer.numberOfTrailingZeros(last) != unused) {
                // named bit lists drop trailing zero bits in DER (X.690 11.2.2)
                throw new DecodeException(at, field + ": trailing zero bits in named bit list");
            }
        }
        pos = start + len;
        return Arrays.copyOfRange(data, start + 1, start + len);
    }

    /**
     * @param minLength fewest UTF-8 octets allowed
     * @param maxLength most UTF-8 octets allowed
     * @param field name of the field, for messages
     * @return the next UTF8String
     */
    public String readUtf8String(int minLength, int maxLength, String field) {
        int at = pos;
        int start = readHeader(DerTag.UTF8_STRING);
        checkSize(at, field, minLength, maxLength);
        pos = start + lastLength;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, start, lastLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(at, field + ": invalid UTF-8", e);
        }
    }

    /**
     * @param minLength fewest characters allowed
     * @param maxLength most characters allowed
     * @param field name of the field, for messages
     * @return the next PrintableString
     */
    public String readPrintableString(int minLength, int maxLength, String field) {
        return readAscii(DerTag.PRINTABLE_STRING, minLength, maxLength, field);
    }

    /**
     * @param minLength fewest characters allowed
     * @param maxLength most characters allowed
     * @param field name of the field, for messages
     * @return the next IA5String
     */
    public String readIa5String(int minLength, int maxLength, String field) {
        return readAscii(DerTag.IA5_STRING, minLength, maxLength, field);
    }

    private String readAscii(int tag, int minLength, int maxLength, String field) {
        int at = pos;
        int start = readHeader(tag);
        checkSize(at, field, minLength, maxLength);
        pos = start + lastLength;
        char[] chars = new char[lastLength];
        for (int i = 0; i < lastLength; i++) {
            int c = data[start + i] & 0xFF;
            boolean ok = tag == DerTag.PRINTABLE_STRING ? DerWriter.isPrintable(c) : c < 0x80;
            if (!ok) {
                throw new DecodeException(start + i, String.format("%s: character 0x%02X not allowed in %s",
                        field, c, DerTag.name(tag)));
            }
            chars[i] = (char) c;
        }
        return new String(chars);
    }

    /**
     * Reads a GeneralizedTime in the DER form {@code YYYYMMDDHHMMSS[.fraction]Z}.
     *
     * @param field name of the field, for messages
     * @return the instant
     */
    public Instant readGeneralizedTime(String field) {
        int at = pos;
        String s = readAscii(DerTag.GENERALIZED_TIME, 15, 25, field);
        try {
            return DerWriter.parseGeneralizedTime(s);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new DecodeException(at, field + ": not a DER GeneralizedTime: '" + s + "'", e);
        }
    }

    private void checkSize(int at, String field, int min, int max) {
        if (lastLength < min || lastLength > max) {
            throw new DecodeException(at, field + ": length " + lastLength + " outside [" + min + ", " + max + "]");
        }
    }

    // Set by readHeader; saves allocating a header object per element on the hot path.
    private int lastLength;

    /** Reads identifier and length octets, returning the content offset; sets {@link #lastLength}. */
    private int readHeader(int expectedTag) {
        int at = pos;
        if (pos >= end) {
            throw new DecodeException(at, "expected " + DerTag.name(expectedTag) + " but the input ends");
        }
        int tag = data[pos] & 0xFF;
        if (tag != expectedTag) {
            throw new DecodeException(at, "expected " + DerTag.name(expectedTag) + " but found " + DerTag.name(tag));
        }
        int p = pos + 1;
        if (p >= end) {
            throw new DecodeException(p, "missing length octets");
        }
        int first = data[p++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new DecodeException(at + 1, "indefinite length is not allowed in DER");
        } else {
            int count = first & 0x7F;
            if (count > 4) {
                throw new DecodeException(at + 1, "length of " + count + " octets is beyond any BKDMS limit");
            }
            if (p + count > end) {
                throw new DecodeException(p, "length octets run past the end of the input");
            }
            if (data[p] == 0) {
                throw new DecodeException(at + 1, "length has a leading zero octet (not minimal)");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[p++] & 0xFF);
            }
            if (length < 0x80) {
                throw new DecodeException(at + 1, "long-form length " + length + " must use the short form in DER");
            }
        }
        if (length > end - p) {
            throw new DecodeException(at, DerTag.name(tag) + " claims " + length + " content octets but only "
                    + (end - p) + " remain");
        }
        lastLength = (int) length;
        return p;
    }
}
