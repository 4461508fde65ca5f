package org.bkdms.analysis.assessment;

import java.util.List;

/**
 * The score of one U4SSC sub-dimension for a city: the mean of its KPI scores, where a KPI's score
 * is the mean of the scores of its series that have a target.
 *
 * @param subDimension the sub-dimension, such as {@code ICT}
 * @param score 0 to 100, or {@code null} if no KPI of it is scored
 * @param kpisScored KPIs that contributed
 * @param kpiCodes those KPIs
 */
public record SubDimensionScore(String subDimension, Double score, int kpisScored, List<String> kpiCodes) {
    /**
     * Copies the list.
     *
     * @param subDimension see {@link #subDimension()}
     * @param score see {@link #score()}
     * @param kpisScored see {@link #kpisScored()}
     * @param kpiCodes see {@link #kpiCodes()}
     */
    public SubDimensionScore {
        kpiCodes = List.copyOf(kpiCodes);
    }
}
