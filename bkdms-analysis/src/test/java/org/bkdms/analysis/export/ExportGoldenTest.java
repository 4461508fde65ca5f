package org.bkdms.analysis.export;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.IntegrityCounters;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.analysis.assessment.Assessment;
import org.bkdms.analysis.assessment.Assessor;
import org.bkdms.analysis.assessment.TargetSet;
import org.bkdms.analysis.quality.ObservationValidator;
import org.bkdms.analysis.quality.QualityAnalyzer;
import org.bkdms.analysis.quality.QualityConfig;
import org.bkdms.analysis.quality.QualityReport;
import org.bkdms.analysis.sample.SampleCityData;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden files of every export format over a slice of the sample data: the Valencia hub's four
 * KPIs of different natures (a mean, a five-series share, a yes/no fact and a count) in 2025, by
 * quarter, with the late month, the corrected value and the invalid value inside it.
 */
class ExportGoldenTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    static final Set<String> KPIS = Set.of("EN: EN: WS: 2C", "EC: I: T: 4A", "SC: SH: SA: 3A", "EC: ICT: ICT: 5C",
            "EC: ICT: ICT: 1C");
    static final TimeWindow YEAR_2025 = new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"));
    static QualityReport quality;
    static Assessment assessment;

    @BeforeAll
    static void analyse() {
        SampleCityData data = SampleCityData.standard();
        String hub = SampleCityData.VLC_HUB.siteId();
        List<Observation> obs = data.observations().stream()
                .filter(o -> o.siteId().equals(hub) && KPIS.contains(o.kpiCode())).toList();
        List<CollectionPolicy> policies = List.of(new CollectionPolicy(hub, List.copyOf(new java.util.TreeSet<>(KPIS)),
                30L * 86_400, null));
        AnalysisInput input = new AnalysisInput(obs, policies, YEAR_2025,
                new IntegrityCounters(Map.of("MALFORMED", 2L), Map.of("CHECK_CODE_MISMATCH", 1L)),
                Map.of(hub, new IntegrityCounters(Map.of("REPLAY", 1L), Map.of())));
        quality = new QualityAnalyzer(new ObservationValidator(CATALOGUE), QualityConfig.defaults())
                .analyze(input, Granularity.QUARTER);
        assessment = Assessor.withDefaults(CATALOGUE).assess(input, Granularity.QUARTER, TargetSet.example(CATALOGUE));
    }

    @Test
    void valuesCsv() throws IOException {
        GoldenFiles.assertMatches("values.csv", CsvExport.values(assessment.values()).toCsv());
    }

    @Test
    void qualityCsv() throws IOException {
        GoldenFiles.assertMatches("quality-site-kpis.csv", CsvExport.siteKpiQuality(quality.siteKpis()).toCsv());
        GoldenFiles.assertMatches("quality-sites.csv", CsvExport.siteQuality(quality.sites()).toCsv());
        GoldenFiles.assertMatches("quality-periods.csv", CsvExport.periodQuality(quality.periods()).toCsv());
        GoldenFiles.assertMatches("quality-cities.csv", CsvExport.cityQuality(quality.cities()).toCsv());
    }

    @Test
    void assessmentCsv() throws IOException {
        GoldenFiles.assertMatches("trends.csv", CsvExport.trends(assessment.trends()).toCsv());
        GoldenFiles.assertMatches("targets.csv", CsvExport.targets(assessment.targets()).toCsv());
        GoldenFiles.assertMatches("anomalies.csv", CsvExport.anomalies(assessment.anomalies()).toCsv());
    }

    @Test
    void json() throws IOException {
        GoldenFiles.assertMatches("quality.json", JsonExport.toJson(quality));
        GoldenFiles.assertMatches("assessment.json", JsonExport.toJson(assessment));
    }

    @Test
    void ngsiLd() throws IOException {
        NgsiLdExport export = new NgsiLdExport(CATALOGUE, Map.of("UNLOCODE:ESVLC", "Valencia"), "BKDMS sample platform");
        List<Map<String, Object>> entities = export.entities(assessment.values(), assessment.trends(),
                Instant.parse("2026-01-02T03:04:05Z"));
        GoldenFiles.assertMatches("ngsi-ld.json", NgsiLdExport.toJson(entities));
    }
}
