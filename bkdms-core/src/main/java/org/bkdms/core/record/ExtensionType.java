package org.bkdms.core.record;

/**
 * The registered extension types of the "Extending" part of a unified KPI record. Ids not listed
 * here are carried unchanged, so that a record written by a newer site survives an older reader.
 */
public enum ExtensionType {
    /** Per-site sequence number: INTEGER (0..2^63-1). Makes replays and gaps detectable. */
    SEQUENCE_NUMBER(1),
    /** Random salt: OCTET STRING (SIZE (16..64)). Makes the record's digest reveal nothing about its values. */
    SALT(2),
    /** Reference to the source of the value (table, file, sensor topic): UTF8String (SIZE (1..256)). */
    SOURCE_REFERENCE(3),
    /** Quality flags: a named bit list, see {@link QualityFlag}. */
    QUALITY_FLAGS(4);

    private final int id;

    ExtensionType(int id) {
        this.id = id;
    }

    /** @return the extension id in the encoding */
    public int id() {
        return id;
    }

    /**
     * @param id an extension id
     * @return the registered type, or {@code null} if the id is not registered
     */
    public static ExtensionType ofId(int id) {
        for (ExtensionType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
