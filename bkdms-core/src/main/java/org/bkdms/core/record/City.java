package org.bkdms.core.record;

import java.util.Objects;

/**
 * The "City" part of a unified KPI record: a code in a named coding scheme. Whether the code is
 * valid for the record's country is checked when the record is built.
 *
 * @param scheme the coding scheme
 * @param code the city's code in that scheme, such as {@code NOTRD} or {@code 330100}
 */
public record City(CityCodingScheme scheme, String code) {
    /** Longest city code accepted. */
    public static final int MAX_CODE_LENGTH = 16;

    /**
     * Checks and normalizes the parts.
     *
     * @param scheme see {@link #scheme()}
     * @param code see {@link #code()}
     */
    public City {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
        return scheme.label() + ":" + code;
    }
}
