package org.bkdms.analysis.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gaps in a site's sequence numbers: every number between the first and the last one seen that no
 * observation carries. A site numbers its records one by one, so a gap is a record that never
 * reached the platform (lost, rejected by the ledger, or outside the data the analysis was given).
 *
 * @param distinctNumbers distinct sequence numbers seen
 * @param first smallest number seen, or {@code null}
 * @param last largest number seen, or {@code null}
 * @param missing how many numbers between first and last were not seen
 * @param gaps the first gaps, in order, at most the configured number
 */
public record SequenceGaps(long distinctNumbers, Long first, Long last, long missing, List<Range> gaps) {
    /**
     * Copies the list.
     *
     * @param distinctNumbers see {@link #distinctNumbers()}
     * @param first see {@link #first()}
     * @param last see {@link #last()}
     * @param missing see {@link #missing()}
     * @param gaps see {@link #gaps()}
     */
    public SequenceGaps {
        gaps = List.copyOf(gaps);
    }

    /**
     * A run of missing sequence numbers, both ends inclusive.
     *
     * @param from first missing number
     * @param to last missing number
     */
    public record Range(long from, long to) {
    }

    /**
     * @param numbers sequence numbers in any order, repeats allowed; sorted in place
     * @param count how many entries of {@code numbers} are used
     * @param maxListed most gaps to list
     * @return the gaps
     */
    public static SequenceGaps of(long[] numbers, int count, int maxListed) {
        if (count == 0) {
            return new SequenceGaps(0, null, null, 0, List.of());
        }
        Arrays.sort(numbers, 0, count);
        long distinct = 1;
        long missing = 0;
        List<Range> gaps = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            long prev = numbers[i - 1];
            long cur = numbers[i];
            if (cur == prev) {
                continue;
            }
            distinct++;
            if (cur > prev + 1) {
                missing += cur - prev - 1;
                if (gaps.size() < maxListed) {
                    gaps.add(new Range(prev + 1, cur - 1));
                }
            }
        }
        return new SequenceGaps(distinct, numbers[0], numbers[count - 1], missing, gaps);
    }
}
