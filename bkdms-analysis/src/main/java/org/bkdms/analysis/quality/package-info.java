/**
 * Quality and availability of KPI data (the "evaluating the quality and availability" part of
 * Y.4907 clause 8.3): completeness against the collection policy, sequence gaps, timeliness,
 * validity against the KPI catalogue, duplicates and conflicting values, site availability, with
 * the integrity counters of the ledger and the platform beside them. Entry point:
 * {@link org.bkdms.analysis.quality.QualityAnalyzer}.
 */
package org.bkdms.analysis.quality;
