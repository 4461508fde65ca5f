/**
 * The smart city platform of Y.4907 (its KPI management module, clauses 7.2.3, 8.3, 9, 10.3, 11 and
 * Appendix I): {@link org.bkdms.platform.SmartCityPlatform} wires the capabilities, each in a package
 * named after it.
 */
package org.bkdms.platform;
