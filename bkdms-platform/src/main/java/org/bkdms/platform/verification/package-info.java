/**
 * Y.4907 clause 9, "Decryption and application of KPI data of SSC", and the credibility checks of
 * clause 8.3: every committed packet is decrypted with the platform key it names and checked
 * against the site's signed digest, the registry at its block height, and the KPI catalogue.
 */
package org.bkdms.platform.verification;
