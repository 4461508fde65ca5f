package org.bkdms.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.assessment.Assessment;
import org.bkdms.analysis.assessment.Assessor;
import org.bkdms.analysis.assessment.TargetSet;
import org.bkdms.analysis.export.CsvExport;
import org.bkdms.analysis.export.JsonExport;
import org.bkdms.analysis.export.NgsiLdExport;
import org.bkdms.analysis.quality.CityQuality;
import org.bkdms.analysis.quality.ObservationValidator;
import org.bkdms.analysis.quality.QualityAnalyzer;
import org.bkdms.analysis.quality.QualityConfig;
import org.bkdms.analysis.quality.QualityReport;
import org.bkdms.analysis.sample.SampleCityData;
import org.bkdms.core.kpi.KpiCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms analysis}: the analysis and assessment capability of the smart city platform, offline. */
@Command(name = "analysis", description = "Analysis and assessment of KPI data (Y.4907 clause 8.3).",
        subcommands = AnalysisCommand.Sample.class)
final class AnalysisCommand {

    /** {@code bkdms analysis sample}: write the sample data set and its full analysis. */
    @Command(name = "sample", description = {
        "Generate the deterministic sample data set (two cities, five sites, 24 KPIs, 2024-2025, with",
        "injected faults), write it as one CSV file per site under OUT/sites/, analyse it and write",
        "every export under OUT/report/: CSV tables, quality.json, assessment.json, ngsi-ld.json."})
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
        Path out;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the data set (default: ${DEFAULT-VALUE}).")
        long seed = SampleCityData.DEFAULT_SEED;

        @Option(names = "--targets", paramLabel = "FILE",
                description = "Targets YAML (default: the shipped example 2030 targets).")
        Path targets;

        @Option(names = "--granularity", paramLabel = "G",
                description = "Period of city values and quality rows: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Granularity granularity = Granularity.MONTH;

        @Override
        public Integer call() throws IOException {
            KpiCatalogue catalogue = KpiCatalogue.u4ssc();
            TargetSet targetSet = targets == null ? TargetSet.example(catalogue) : readTargets(catalogue);
            SampleCityData data = SampleCityData.generate(seed);
            List<Path> files = data.writeCsv(out.resolve("sites"));

            AnalysisInput input = AnalysisInput.of(data.observations(), data.policies(), SampleCityData.WINDOW);
            QualityReport quality = new QualityAnalyzer(new ObservationValidator(catalogue), QualityConfig.defaults())
                    .analyze(input, granularity);
            Assessment assessment = Assessor.withDefaults(catalogue).assess(input, granularity, targetSet);

            Path report = Files.createDirectories(out.resolve("report"));
            write(report, "values.csv", CsvExport.values(assessment.values()).toCsv());
            write(report, "quality-site-kpis.csv", CsvExport.siteKpiQuality(quality.siteKpis()).toCsv());
            write(report, "quality-sites.csv", CsvExport.siteQuality(quality.sites()).toCsv());
            write(report, "quality-periods.csv", CsvExport.periodQuality(quality.periods()).toCsv());
            write(report, "quality-cities.csv", CsvExport.cityQuality(quality.cities()).toCsv());
            write(report, "trends.csv", CsvExport.trends(assessment.trends()).toCsv());
            write(report, "targets.csv", CsvExport.targets(assessment.targets()).toCsv());
            write(report, "anomalies.csv", CsvExport.anomalies(assessment.anomalies()).toCsv());
            write(report, "quality.json", JsonExport.toJson(quality));
            write(report, "assessment.json", JsonExport.toJson(assessment));
            NgsiLdExport ngsi = new NgsiLdExport(catalogue,
                    Map.of("UNLOCODE:NOTRD", "Trondheim", "UNLOCODE:ESVLC", "Valencia"), "BKDMS sample");
            // the data set's end, not the wall clock, so that the same seed gives the same files
            write(report, "ngsi-ld.json", NgsiLdExport.toJson(ngsi.entities(assessment.values(), assessment.trends(),
                    SampleCityData.WINDOW.to())));

            PrintWriter o = spec.commandLine().getOut();
            o.printf("%d observations from %d sites written to %s%n", data.observations().size(), files.size(),
                    out.resolve("sites"));
            for (CityQuality c : quality.cities()) {
                o.printf("%s: completeness %.4f, availability %.4f, %d invalid, %d duplicates, %d conflicts, %d late%n",
                        c.city(), c.completeness(), c.availability(), c.invalid(), c.duplicates(), c.conflicts(),
                        c.timeliness().late());
            }
            o.printf("%d city values, %d trends, %d target comparisons, %d advisory anomaly flags; report in %s%n",
                    assessment.values().size(), assessment.trends().size(), assessment.targets().size(),
                    assessment.anomalies().size(), report);
            return ExitCodes.OK;
        }

        private TargetSet readTargets(KpiCatalogue catalogue) throws IOException {
            try (InputStream in = Files.newInputStream(targets)) {
                return TargetSet.read(in, catalogue);
            }
        }

        private static void write(Path dir, String name, String text) throws IOException {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        }
    }
}
