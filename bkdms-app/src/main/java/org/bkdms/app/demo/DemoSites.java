package org.bkdms.app.demo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo's sample: the sites listed in {@code samples/demo/demo.yaml}, each with a folder that
 * holds its KPI mapping and the CSV files it collects. The sample is packed into the application
 * jar, so {@code bkdms demo} runs from anywhere; {@link #extractBundled(Path)} copies it out.
 *
 * @param sites the sites, in file order
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DemoSites(List<Site> sites) {
    /** Where the sample lies on the class path. */
    public static final String RESOURCE = "/org/bkdms/app/demo/samples/";

    /**
     * One sampling site of the demo.
     *
     * @param dir its folder in the sample
     * @param siteId its Site ID
     * @param name its name in the registry
     * @param countryRegion ISO 3166-1 numeric country
     * @param city its city
     * @param location where it stands, for the dashboard's map
     * @param policy the collection policy the platform publishes for it
     * @param files the files it collects, relative to its folder
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Site(String dir, String siteId, String name, String countryRegion, City city, Location location,
            Policy policy, List<String> files) {
    }

    /**
     * A site's position (WGS 84).
     *
     * @param latitude degrees north
     * @param longitude degrees east
     */
    public record Location(double latitude, double longitude) {
    }

    /**
     * A city code.
     *
     * @param scheme coding scheme label
     * @param code the code
     * @param name its readable name, shown by the dashboard
     */
    public record City(String scheme, String code, String name) {
    }

    /**
     * A collection policy.
     *
     * @param periodSeconds how often each KPI is due
     * @param kpis the KPI codes
     */
    public record Policy(long periodSeconds, List<String> kpis) {
    }

    /**
     * @param dir a directory holding {@code demo.yaml}
     * @return its sites
     * @throws IOException if the file cannot be read or is malformed
     */
    public static DemoSites read(Path dir) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return yaml.readValue(Files.readString(dir.resolve("demo.yaml"), StandardCharsets.UTF_8), DemoSites.class);
    }

    /**
     * Copies the sample packed in the jar into a directory.
     *
     * @param to the directory
     * @return the sites
     * @throws IOException if the sample is missing from the class path or cannot be written
     */
    public static DemoSites extractBundled(Path to) throws IOException {
        return copy(name -> DemoSites.class.getResourceAsStream(RESOURCE + name), to);
    }

    /**
     * Copies a sample in the same layout ({@code demo.yaml}, each site's {@code mapping.yaml} and
     * files) from a directory.
     *
     * @param from the sample's directory
     * @param to the directory to copy into
     * @return the sites
     * @throws IOException if a file is missing or cannot be written
     */
    public static DemoSites copyFrom(Path from, Path to) throws IOException {
        return copy(name -> {
            Path f = from.resolve(name);
            return Files.isRegularFile(f) ? Files.newInputStream(f) : null;
        }, to);
    }

    private interface Source {
        InputStream open(String name) throws IOException;
    }

    private static DemoSites copy(Source source, Path to) throws IOException {
        copy(source, "demo.yaml", to);
        DemoSites sites = read(to);
        for (Site s : sites.sites()) {
            copy(source, s.dir() + "/mapping.yaml", to);
            for (String f : s.files()) {
                copy(source, s.dir() + "/" + f, to);
            }
        }
        return sites;
    }

    private static void copy(Source source, String name, Path to) throws IOException {
        try (InputStream in = source.open(name)) {
            if (in == null) {
                throw new IOException("the demo sample has no " + name);
            }
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param dir the sample's directory
     * @return the records the sample makes: one per data line of every file (no file aggregates rows)
     * @throws IOException if a file cannot be read
     */
    public long expectedRecords(Path dir) throws IOException {
        long n = 0;
        for (Site s : sites) {
            for (String f : s.files()) {
                try (var lines = Files.lines(dir.resolve(s.dir()).resolve(f), StandardCharsets.UTF_8)) {
                    n += lines.filter(l -> !l.isBlank()).count() - 1;
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        return n;
    }
}
