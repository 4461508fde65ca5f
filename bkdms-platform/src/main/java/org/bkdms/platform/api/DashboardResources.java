package org.bkdms.platform.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The dashboard's static files: an explicit allow-list of class-path resources, each with its path
 * under {@code /dashboard/} and its content type. Nothing else of the class path is reachable over HTTP.
 * Chart.js comes from its WebJar in the same jar, never from a CDN.
 */
final class DashboardResources {
    /** Where the dashboard's own files live on the class path. */
    static final String BASE = "/org/bkdms/platform/dashboard/";

    /**
     * A served file.
     *
     * @param path the URL path
     * @param resource the class-path resource
     * @param contentType its content type
     */
    record Resource(String path, String resource, String contentType) {
        byte[] bytes() {
            try (InputStream in = DashboardResources.class.getResourceAsStream(resource)) {
                return Objects.requireNonNull(in, () -> "dashboard resource missing: " + resource).readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private DashboardResources() {
    }

    /** @return the Chart.js version the WebJar on the class path holds */
    static String chartJsVersion() {
        try (InputStream in = DashboardResources.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            Properties p = new Properties();
            p.load(Objects.requireNonNull(in, "the chart.js WebJar is not on the class path"));
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every file the dashboard serves */
    static List<Resource> all() {
        String js = "text/javascript; charset=utf-8";
        return List.of(
                new Resource("/dashboard/", BASE + "index.html", "text/html; charset=utf-8"),
                new Resource("/dashboard/app.js", BASE + "app.js", js),
                new Resource("/dashboard/charts.js", BASE + "charts.js", js),
                new Resource("/dashboard/map.js", BASE + "map.js", js),
                new Resource("/dashboard/dom.js", BASE + "dom.js", js),
                new Resource("/dashboard/favicon.svg", BASE + "favicon.svg", "image/svg+xml"),
                new Resource("/dashboard/style.css", BASE + "style.css", "text/css; charset=utf-8"),
                new Resource("/dashboard/vendor/chart.umd.min.js",
                        "/META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.min.js", js),
                new Resource("/dashboard/vendor/chart.js.LICENSE.md",
                        "/META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/LICENSE.md", "text/markdown; charset=utf-8"));
    }
}
