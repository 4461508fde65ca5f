package org.bkdms.site.block;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between upload attempts: the first wait is {@code initial},
 * each further one doubles up to {@code max}, and each is drawn uniformly from its upper half so
 * that many sites cut off together do not return in step.
 *
 * @param initial the first wait
 * @param max the longest wait
 */
public record Backoff(Duration initial, Duration max) {
    /**
     * Checks the bounds.
     *
     * @param initial see {@link #initial()}
     * @param max see {@link #max()}
     */
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    /**
     * @param attempt failed attempts so far, from 1
     * @return how long to wait before the next
     */
    public Duration delay(int attempt) {
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        long half = Math.max(1, ceiling / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
