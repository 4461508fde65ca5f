package org.bkdms.core.der;

/** Identifier octets of the ASN.1 universal types BKDMS encodes (ITU-T X.690, clause 8.1.2). */
public final class DerTag {
    /** BOOLEAN. */
    public static final int BOOLEAN = 0x01;
    /** INTEGER. */
    public static final int INTEGER = 0x02;
    /** BIT STRING. */
    public static final int BIT_STRING = 0x03;
    /** OCTET STRING. */
    public static final int OCTET_STRING = 0x04;
    /** ENUMERATED. */
    public static final int ENUMERATED = 0x0A;
    /** UTF8String. */
    public static final int UTF8_STRING = 0x0C;
    /** PrintableString. */
    public static final int PRINTABLE_STRING = 0x13;
    /** IA5String. */
    public static final int IA5_STRING = 0x16;
    /** GeneralizedTime. */
    public static final int GENERALIZED_TIME = 0x18;
    /** SEQUENCE and SEQUENCE OF (constructed). */
    public static final int SEQUENCE = 0x30;

    private DerTag() {
    }

    /**
     * @param n tag number, 0..30
     * @return the identifier octet of a constructed, context-specific {@code [n]}
     */
    public static int contextConstructed(int n) {
        return 0xA0 | n;
    }

    /**
     * @param tag identifier octet
     * @return a short human name for error messages
     */
    public static String name(int tag) {
        return switch (tag) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case BIT_STRING -> "BIT STRING";
            case OCTET_STRING -> "OCTET STRING";
            case ENUMERATED -> "ENUMERATED";
            case UTF8_STRING -> "UTF8String";
            case PRINTABLE_STRING -> "PrintableString";
            case IA5_STRING -> "IA5String";
            case GENERALIZED_TIME -> "GeneralizedTime";
            case SEQUENCE -> "SEQUENCE";
            default -> (tag & 0xE0) == 0xA0 ? "[" + (tag & 0x1F) + "]" : String.format("tag 0x%02X", tag);
        };
    }
}
