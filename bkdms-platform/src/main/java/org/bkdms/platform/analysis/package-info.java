/**
 * Analysis and assessments (Y.4907 clause 8.3) over the platform's stored data: fills the
 * {@code bkdms-analysis} library's input from the database (decrypted observations, collection policies
 * published on chain, evidence and misbehaviour counters) and serves its reports and exports to the
 * REST API, the dashboard and {@code bkdms export} (clause 8.4, application).
 */
package org.bkdms.platform.analysis;
