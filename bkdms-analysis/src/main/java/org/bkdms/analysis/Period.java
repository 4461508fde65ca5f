package org.bkdms.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One calendar period in UTC, half-open: it contains {@code start} and not {@code end}.
 *
 * @param granularity its length
 * @param start first instant in it
 * @param end first instant after it
 * @param label readable name: {@code 2025-03-14}, {@code 2025-03}, {@code 2025-Q1} or {@code 2025}
 */
public record Period(Granularity granularity, Instant start, Instant end, String label) {
    /**
     * Checks the parts.
     *
     * @param granularity see {@link #granularity()}
     * @param start see {@link #start()}
     * @param end see {@link #end()}
     * @param label see {@link #label()}
     */
    public Period {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(label, "label");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period must end after it starts");
        }
    }

    /**
     * @param t an instant
     * @return whether the period contains it
     */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /**
     * @param granularity the period length
     * @param window the window
     * @return every period of that granularity that overlaps the window, in time order
     */
    public static List<Period> covering(Granularity granularity, TimeWindow window) {
        List<Period> out = new ArrayList<>();
        for (Period p = granularity.periodOf(window.from()); p.start().isBefore(window.to()); p = granularity.next(p)) {
            out.add(p);
        }
        return out;
    }
}
