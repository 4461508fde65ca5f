package org.bkdms.core.record;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The "Extending" part of a unified KPI record: typed extensions keyed by id, each holding the DER
 * encoding of its value. Registered types ({@link ExtensionType}) are checked and have typed
 * accessors; unknown ids are kept byte for byte. Immutable; the {@code with…} methods return copies.
 */
public final class Extending {
    /** Most extensions one record may carry. */
    public static final int MAX_EXTENSIONS = 64;
    /** Largest value of one extension, in octets. */
    public static final int MAX_VALUE_LENGTH = 1024;
    /** Largest extension id. */
    public static final int MAX_ID = 65535;
    /** Fewest salt octets; 16 random octets put a guess of the record beyond reach. */
    public static final int MIN_SALT = 16;
    /** Most salt octets. */
    public static final int MAX_SALT = 64;
    /** Longest source reference, in UTF-8 octets. */
    public static final int MAX_SOURCE_REFERENCE = 256;

    private static final Extending EMPTY = new Extending(new TreeMap<>());

    private final SortedMap<Integer, byte[]> values;

    private Extending(SortedMap<Integer, byte[]> values) {
        this.values = values;
    }

    /** @return no extensions */
    public static Extending empty() {
        return EMPTY;
    }

    /**
     * Builds from raw extension values, checking every registered type.
     *
     * @param raw extension id to the DER encoding of its value
     * @return the extensions
     * @throws ValidationException if a registered type's value is invalid or a limit is exceeded
     */
    public static Extending ofRaw(Map<Integer, byte[]> raw) {
        if (raw.size() > MAX_EXTENSIONS) {
            throw new ValidationException(Violation.INVALID_EXTENSION, "more than " + MAX_EXTENSIONS + " extensions");
        }
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        for (Map.Entry<Integer, byte[]> e : raw.entrySet()) {
            int id = e.getKey();
            byte[] v = e.getValue();
            if (id < 0 || id > MAX_ID || v.length > MAX_VALUE_LENGTH) {
                throw new ValidationException(Violation.INVALID_EXTENSION, "extension " + id
                        + ": id outside 0.." + MAX_ID + " or value over " + MAX_VALUE_LENGTH + " octets");
            }
            checkRegistered(id, v);
            copy.put(id, v.clone());
        }
        return new Extending(copy);
    }

    private static void checkRegistered(int id, byte[] v) {
        ExtensionType type = ExtensionType.ofId(id);
        if (type == null) {
            return;
        }
        try {
            DerReader r = DerReader.of(v);
            switch (type) {
                case SEQUENCE_NUMBER -> r.readLong(0, Long.MAX_VALUE, "sequenceNumber");
                case SALT -> r.readOctetString(MIN_SALT, MAX_SALT, "salt");
                case SOURCE_REFERENCE -> r.readUtf8String(1, MAX_SOURCE_REFERENCE, "sourceReference");
                case QUALITY_FLAGS -> r.readBitString(8, "qualityFlags");
                default -> throw new IllegalStateException(type.name());
            }
            r.expectEnd();
        } catch (DecodeException e) {
            throw new ValidationException(Violation.INVALID_EXTENSION, "extension " + type.name().toLowerCase()
                    + " (id " + id + "): " + e.getMessage());
        }
    }

    /** @return extension id to the DER encoding of its value, ascending by id */
    public SortedMap<Integer, byte[]> raw() {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** @return the number of extensions */
    public int size() {
        return values.size();
    }

    /**
     * @param id extension id
     * @param derValue DER encoding of the value
     * @return a copy with the extension set
     */
    public Extending with(int id, byte[] derValue) {
        TreeMap<Integer, byte[]> copy = new TreeMap<>(values);
        copy.put(id, derValue);
        return ofRaw(copy);
    }

    /**
     * @param id extension id
     * @return a copy without that extension
     */
    public Extending without(int id) {
        TreeMap<Integer, byte[]> copy = new TreeMap<>(values);
        copy.remove(id);
        return new Extending(copy);
    }

    /**
     * @param sequenceNumber per-site sequence number, non-negative
     * @return a copy with the sequence number set
     */
    public Extending withSequenceNumber(long sequenceNumber) {
        return with(ExtensionType.SEQUENCE_NUMBER.id(), new DerWriter().integer(sequenceNumber).toByteArray());
    }

    /**
     * @param salt 16 to 64 random octets
     * @return a copy with the salt set
     */
    public Extending withSalt(byte[] salt) {
        return with(ExtensionType.SALT.id(), new DerWriter().octetString(salt).toByteArray());
    }

    /**
     * @param reference where the value came from
     * @return a copy with the source reference set
     */
    public Extending withSourceReference(String reference) {
        return with(ExtensionType.SOURCE_REFERENCE.id(), new DerWriter().utf8String(reference).toByteArray());
    }

    /**
     * @param flags quality flags
     * @return a copy with the flags set
     */
    public Extending withQualityFlags(Set<QualityFlag> flags) {
        long bits = 0;
        for (QualityFlag f : flags) {
            bits |= 1L << f.bit();
        }
        return with(ExtensionType.QUALITY_FLAGS.id(), new DerWriter().namedBits(bits).toByteArray());
    }

    /** @return the per-site sequence number, if present */
    public OptionalLong sequenceNumber() {
        byte[] v = values.get(ExtensionType.SEQUENCE_NUMBER.id());
        return v == null ? OptionalLong.empty()
                : OptionalLong.of(DerReader.of(v).readLong(0, Long.MAX_VALUE, "sequenceNumber"));
    }

    /** @return the salt, if present */
    public Optional<byte[]> salt() {
        byte[] v = values.get(ExtensionType.SALT.id());
        return v == null ? Optional.empty() : Optional.of(DerReader.of(v).readOctetString(MIN_SALT, MAX_SALT, "salt"));
    }

    /** @return the source reference, if present */
    public Optional<String> sourceReference() {
        byte[] v = values.get(ExtensionType.SOURCE_REFERENCE.id());
        return v == null ? Optional.empty()
                : Optional.of(DerReader.of(v).readUtf8String(1, MAX_SOURCE_REFERENCE, "sourceReference"));
    }

    /** @return the quality flags (empty if the extension is absent) */
    public Set<QualityFlag> qualityFlags() {
        byte[] v = values.get(ExtensionType.QUALITY_FLAGS.id());
        EnumSet<QualityFlag> out = EnumSet.noneOf(QualityFlag.class);
        if (v != null) {
            byte[] bits = DerReader.of(v).readBitString(8, "qualityFlags");
            for (QualityFlag f : QualityFlag.values()) {
                int octet = f.bit() / 8;
                if (octet < bits.length && (bits[octet] & (0x80 >>> (f.bit() % 8))) != 0) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** @return the ids present that are not registered types */
    public Set<Integer> unknownIds() {
        TreeMap<Integer, byte[]> unknown = new TreeMap<>(values);
        for (ExtensionType t : ExtensionType.values()) {
            unknown.remove(t.id());
        }
        return unknown.keySet();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Extending other) || other.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            h = 31 * h + e.getKey() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Extending{");
        sequenceNumber().ifPresent(n -> sb.append("seq=").append(n).append(' '));
        salt().ifPresent(s -> sb.append("salt=").append(s.length).append("B "));
        sourceReference().ifPresent(s -> sb.append("source=").append(s).append(' '));
        if (!qualityFlags().isEmpty()) {
            sb.append("flags=").append(qualityFlags()).append(' ');
        }
        if (!unknownIds().isEmpty()) {
            sb.append("unknown=").append(unknownIds());
        }
        return sb.toString().trim() + "}";
    }
}
