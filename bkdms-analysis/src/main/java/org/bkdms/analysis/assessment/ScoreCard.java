package org.bkdms.analysis.assessment;

import java.util.List;

/**
 * A city's scores against a target set, per dimension and overall (the mean of its scored
 * dimensions). Scores describe distance to the targets, not a ranking of cities.
 *
 * @param city the city
 * @param overall 0 to 100, or {@code null} if nothing is scored
 * @param dimensions its dimensions with at least one scored KPI
 */
public record ScoreCard(String city, Double overall, List<DimensionScore> dimensions) {
    /**
     * Copies the list.
     *
     * @param city see {@link #city()}
     * @param overall see {@link #overall()}
     * @param dimensions see {@link #dimensions()}
     */
    public ScoreCard {
        dimensions = List.copyOf(dimensions);
    }
}
