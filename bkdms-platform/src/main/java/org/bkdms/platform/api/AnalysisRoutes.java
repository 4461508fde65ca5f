package org.bkdms.platform.api;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bkdms.analysis.export.JsonExport;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.PlatformException;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.analysis.AnalysisService;
import org.bkdms.platform.analysis.AnalysisService.Filter;
import org.bkdms.platform.query.QueryService;

/**
 * The analysis, export and dashboard routes: they parse the query parameters into an
 * {@link AnalysisService.Filter} (bad ones are a 400 naming the parameter) and write what the service
 * returns with the analysis library's deterministic JSON.
 */
final class AnalysisRoutes {
    /** The query parameters every analysis route accepts; any other is refused, so a typo is not silently ignored. */
    private static final Set<String> PARAMETERS = Set.of("city", "kpi", "from", "to", "granularity");

    private final SmartCityPlatform platform;

    AnalysisRoutes(SmartCityPlatform platform) {
        this.platform = platform;
    }

    private static Filter filter(Context ctx) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new PlatformException(PlatformException.Kind.INVALID_REQUEST,
                        "unknown query parameter '" + name + "'; known: city, kpi, from, to, granularity");
            }
        }
        return Filter.parse(ctx.queryParam("city"), ctx.queryParam("kpi"), ctx.queryParam("from"), ctx.queryParam("to"),
                ctx.queryParam("granularity"));
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(JsonExport.toJson(value));
    }

    void quality(Context ctx) throws SQLException {
        json(ctx, platform.analysis().quality(filter(ctx)));
    }

    void assessment(Context ctx) throws SQLException {
        json(ctx, platform.analysis().assessment(filter(ctx)));
    }

    void integrity(Context ctx) throws SQLException {
        if (!ctx.queryParamMap().isEmpty()) {
            throw new PlatformException(PlatformException.Kind.INVALID_REQUEST,
                    "integrity takes no query parameters");
        }
        json(ctx, platform.analysis().integrity());
    }

    void targets(Context ctx) throws SQLException {
        json(ctx, platform.analysis().targets(filter(ctx)));
    }

    void csv(Context ctx) throws SQLException {
        String table = ctx.pathParam("table");
        String body = platform.analysis().exportCsv(table, filter(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"bkdms-" + table + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(body);
    }

    void json(Context ctx) throws SQLException {
        ctx.contentType("application/json").result(platform.analysis().exportJson(filter(ctx)));
    }

    void ngsiLd(Context ctx) throws SQLException {
        ctx.contentType("application/ld+json").result(platform.analysis().exportNgsiLd(filter(ctx)));
    }

    void dashboardConfig(Context ctx) throws SQLException {
        PlatformConfig.Dashboard settings = platform.analysis().settings();
        Map<String, String> siteCities = platform.analysis().siteCities();
        Map<String, String> cities = new TreeMap<>();
        siteCities.values().forEach(c -> cities.put(c, settings.cities().getOrDefault(c, c)));
        cities.putAll(settings.cities());
        List<Map<String, Object>> sites = new ArrayList<>();
        for (QueryService.SiteSummary s : platform.queries().sites()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chainId", s.chainId());
            m.put("siteId", s.siteId());
            m.put("name", s.name());
            m.put("status", s.status());
            m.put("city", siteCities.get(s.siteId()));
            PlatformConfig.Location l = settings.sites().get(s.siteId());
            m.put("latitude", l == null ? null : l.latitude());
            m.put("longitude", l == null ? null : l.longitude());
            sites.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cities", cities);
        out.put("sites", sites);
        out.put("refreshSeconds", settings.refreshSecondsOrDefault());
        out.put("chains", platform.config().ledgers().stream().map(PlatformConfig.Ledger::chainId).toList());
        out.put("csvTables", AnalysisService.CSV_TABLES);
        json(ctx, out);
    }
}
