/**
 * Analysis and assessments of KPI data (Y.4907 clause 8.3, KPI management module of the smart city
 * platform; results feed the applications of clause 8.4).
 *
 * <p>A pure library: the inputs are plain records ({@link org.bkdms.analysis.Observation},
 * {@link org.bkdms.analysis.CollectionPolicy}, {@link org.bkdms.analysis.IntegrityCounters}) that the
 * platform fills from the KPI data it has extracted, decrypted and verified; the outputs are plain
 * records that serialize to JSON. Nothing here touches a database, the network or a clock: every
 * time window is passed in, so the same input always gives the same report.
 *
 * <ul>
 *   <li>{@code quality}: completeness against the collection policy, timeliness, validity,
 *       duplicates and conflicts, site availability.</li>
 *   <li>{@code assessment}: city KPI values per period, trends, targets, scores, anomaly flags.</li>
 *   <li>{@code export}: CSV, JSON and FIWARE NGSI-LD.</li>
 *   <li>{@code sample}: a deterministic sample data set of two cities.</li>
 * </ul>
 */
package org.bkdms.analysis;
