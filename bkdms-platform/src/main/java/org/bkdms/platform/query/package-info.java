/**
 * Read-only queries over the stored records, observations, sites and evidence: the service layer
 * under the REST API and a dashboard (Y.4907 clause 9, application of KPI data).
 */
package org.bkdms.platform.query;
