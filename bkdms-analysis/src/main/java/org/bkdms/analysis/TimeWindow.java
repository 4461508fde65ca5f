package org.bkdms.analysis;

import java.time.Instant;
import java.util.Objects;

/**
 * The span of observation time an analysis covers, half-open: {@code from} inclusive, {@code to}
 * exclusive. Observations outside it are ignored; expected reports are counted only inside it.
 *
 * @param from first instant covered
 * @param to first instant not covered
 */
public record TimeWindow(Instant from, Instant to) {
    /**
     * Checks the parts.
     *
     * @param from see {@link #from()}
     * @param to see {@link #to()}
     */
    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("window must end after it starts");
        }
    }

    /**
     * @param t an instant
     * @return whether the window contains it
     */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
