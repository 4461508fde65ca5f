package org.bkdms.analysis.assessment;

import java.util.List;

/**
 * The score of one U4SSC dimension (Economy, Environment, Society and Culture) for a city: the
 * mean of its scored sub-dimensions, so that a sub-dimension with many KPIs does not outweigh the
 * others.
 *
 * @param dimension the dimension
 * @param score 0 to 100, or {@code null} if nothing in it is scored
 * @param kpisScored KPIs that contributed
 * @param subDimensions its sub-dimensions with at least one scored KPI
 */
public record DimensionScore(String dimension, Double score, int kpisScored, List<SubDimensionScore> subDimensions) {
    /**
     * Copies the list.
     *
     * @param dimension see {@link #dimension()}
     * @param score see {@link #score()}
     * @param kpisScored see {@link #kpisScored()}
     * @param subDimensions see {@link #subDimensions()}
     */
    public DimensionScore {
        subDimensions = List.copyOf(subDimensions);
    }
}
