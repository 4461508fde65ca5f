package org.bkdms.site;

import java.util.Objects;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.SiteId;

/**
 * Who the site is, as written into every unified KPI record (Y.4907 Table 10-1).
 *
 * @param countryRegion the country or region
 * @param city the city
 * @param siteId the site's address, as in its certificate and the registry on chain
 */
public record SiteIdentity(CountryRegion countryRegion, City city, SiteId siteId) {
    /**
     * Checks the parts.
     *
     * @param countryRegion see {@link #countryRegion()}
     * @param city see {@link #city()}
     * @param siteId see {@link #siteId()}
     */
    public SiteIdentity {
        Objects.requireNonNull(countryRegion, "countryRegion");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(siteId, "siteId");
    }
}
