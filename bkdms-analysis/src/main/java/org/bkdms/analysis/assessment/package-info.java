/**
 * Assessment of KPI data (the "analysis and assessment" results of Y.4907 clause 8.3 that the
 * applications of clause 8.4 consume): KPI values per city and period aggregated across sites,
 * trends with the Theil-Sen estimator, comparison with configurable targets, scores per U4SSC
 * dimension and sub-dimension, and advisory anomaly flags. Entry point:
 * {@link org.bkdms.analysis.assessment.Assessor}.
 */
package org.bkdms.analysis.assessment;
