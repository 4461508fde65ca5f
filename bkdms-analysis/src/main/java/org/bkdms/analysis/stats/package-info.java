/**
 * Robust statistics used by the quality and assessment code: order statistics, the median absolute
 * deviation and the Theil-Sen slope estimator. Plain {@code double} arithmetic on sorted copies;
 * inputs are never modified.
 */
package org.bkdms.analysis.stats;
