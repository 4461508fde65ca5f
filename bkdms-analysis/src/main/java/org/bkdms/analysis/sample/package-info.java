/**
 * A deterministic, seeded sample data set of two cities for tests and demonstrations:
 * {@link org.bkdms.analysis.sample.SampleCityData}.
 */
package org.bkdms.analysis.sample;
