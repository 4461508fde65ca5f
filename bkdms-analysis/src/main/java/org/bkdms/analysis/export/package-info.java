/**
 * Exports of analysis and assessment results: CSV tables ({@link org.bkdms.analysis.export.CsvExport}),
 * JSON ({@link org.bkdms.analysis.export.JsonExport}) and FIWARE NGSI-LD
 * {@code KeyPerformanceIndicator} entities ({@link org.bkdms.analysis.export.NgsiLdExport}).
 * Output is byte-for-byte deterministic: numbers are written in plain decimal notation with
 * fractional figures rounded to six decimal places, so the same input gives the same files on every JDK.
 */
package org.bkdms.analysis.export;
