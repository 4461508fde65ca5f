/**
 * The KPI catalogue (the 91 U4SSC KPIs derived from ITU-T Y.4903) and the "KPI data" part of the
 * unified KPI record: codes, units, data series, values and valid ranges.
 */
package org.bkdms.core.kpi;
