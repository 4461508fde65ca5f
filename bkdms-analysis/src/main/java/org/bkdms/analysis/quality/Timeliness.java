package org.bkdms.analysis.quality;

import java.util.Arrays;
import org.bkdms.analysis.stats.RobustStats;

/**
 * How long KPI data took to reach the chain: the delay from an observation's reference time (its
 * collection time when known, else its observation time) to the time of the block that holds it.
 *
 * @param count observations measured
 * @param medianDelaySeconds median delay, or {@code null} if none measured
 * @param p95DelaySeconds 95th percentile of the delay (type-7 interpolation, rounded down), or {@code null}
 * @param maxDelaySeconds largest delay, or {@code null}
 * @param late observations whose delay exceeded the lateness limit
 * @param beforeReference observations whose block is older than their reference time (clock skew)
 */
public record Timeliness(long count, Long medianDelaySeconds, Long p95DelaySeconds, Long maxDelaySeconds, long late,
        long beforeReference) {

    /**
     * @param delays delay per observation in seconds; sorted in place
     * @param count how many entries of {@code delays} are used
     * @param late how many of them were late
     * @return the figures
     */
    static Timeliness of(long[] delays, int count, long late) {
        if (count == 0) {
            return new Timeliness(0, null, null, null, late, 0);
        }
        Arrays.sort(delays, 0, count);
        double[] d = new double[count];
        long negative = 0;
        for (int i = 0; i < count; i++) {
            d[i] = delays[i];
            if (delays[i] < 0) {
                negative++;
            }
        }
        return new Timeliness(count, (long) Math.floor(RobustStats.quantileOfSorted(d, 0.5)),
                (long) Math.floor(RobustStats.quantileOfSorted(d, 0.95)), delays[count - 1], late, negative);
    }
}
