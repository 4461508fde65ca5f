package org.bkdms.site.collection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of city indicator data as a collector read it, before any interpretation: named text
 * fields and where they came from.
 *
 * @param source the collector's name
 * @param reference where the row came from: file and line, table and key, topic and message
 * @param fields the fields by name, in source order
 */
public record SourceRow(String source, String reference, Map<String, String> fields) {
    /**
     * Copies the fields, keeping their order.
     *
     * @param source see {@link #source()}
     * @param reference see {@link #reference()}
     * @param fields see {@link #fields()}
     */
    public SourceRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reference, "reference");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * @param name a field name
     * @return its text, trimmed, or {@code null} if absent or blank
     */
    public String field(String name) {
        String v = fields.get(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    /** @return the row as {@code name=value} pairs, for the quarantine */
    public String text() {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
