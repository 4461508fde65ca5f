package org.bkdms.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.analysis.AnalysisService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bkdms export}: the platform's KPI values and quality figures as open data, from its database. */
@Command(name = "export", description = {
    "Export the stored, verified KPI data as open data: a CSV table (city values, quality per site, KPI,",
    "period or city, trends, targets, anomalies), the quality report and assessment as JSON, or the city",
    "values as FIWARE NGSI-LD KeyPerformanceIndicator entities. Reads the platform's database like",
    "`bkdms trace` (beside a running `bkdms platform serve`); writes to --out or standard output."})
final class ExportCommand implements Callable<Integer> {
    /** The export formats. */
    enum Format {
        csv, json, ngsi_ld;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    PlatformOptions platform;

    @Option(names = "--format", required = true, paramLabel = "F",
            description = "csv, json or ngsi-ld.", converter = FormatConverter.class)
    Format format;

    @Option(names = "--table", paramLabel = "T",
            description = "CSV table: values, siteKpiQuality, siteQuality, periodQuality, cityQuality, trends, targets, "
                    + "anomalies (default: ${DEFAULT-VALUE}).")
    String table = "values";

    @Option(names = "--city", paramLabel = "CITY", description = "Only this city (UNLOCODE:NOTRD or NOTRD).")
    String city;

    @Option(names = "--kpi", paramLabel = "CODE", description = "Only this KPI (\"EN: EN: AQ: 1C\").")
    String kpi;

    @Option(names = "--from", paramLabel = "TIME", description = "Earliest observation time, ISO 8601 date or instant.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Latest observation time (exclusive), ISO 8601 date or instant.")
    String to;

    @Option(names = "--granularity", paramLabel = "G", description = "day, month, quarter or year (default: month).")
    String granularity;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    /** Accepts {@code ngsi-ld} for the enum constant. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.toString().equals(value)) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not csv, json or ngsi-ld");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (format != Format.csv && !"values".equals(table)) {
            throw new ParameterException(spec.commandLine(), "--table applies to --format csv only");
        }
        // filters are checked before the database is opened, so a typo fails fast
        AnalysisService.Filter filter = AnalysisService.Filter.parse(city, kpi, from, to, granularity);
        String text;
        try (SmartCityPlatform p = platform.openTool()) {
            AnalysisService analysis = p.analysis();
            text = switch (format) {
                case csv -> analysis.exportCsv(table, filter);
                case json -> analysis.exportJson(filter);
                case ngsi_ld -> analysis.exportNgsiLd(filter);
            };
        }
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".export", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getErr().println("wrote " + out);
        }
        return ExitCodes.OK;
    }
}
