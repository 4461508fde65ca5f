/**
 * Computing capability (Y.4907 clause 8.1): the declarative mapping from source fields to KPI
 * codes and data series, unit conversion through JSR 385, filtering against the KPI catalogue and
 * the collection policy, and consolidation over periods.
 */
package org.bkdms.site.computing;
