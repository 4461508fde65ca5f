package org.bkdms.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.assessment.AnomalyFlag;
import org.bkdms.analysis.assessment.Assessment;
import org.bkdms.analysis.assessment.Assessor;
import org.bkdms.analysis.assessment.TargetSet;
import org.bkdms.analysis.quality.ObservationValidator;
import org.bkdms.analysis.quality.QualityAnalyzer;
import org.bkdms.analysis.quality.QualityConfig;
import org.bkdms.analysis.quality.QualityReport;
import org.bkdms.analysis.quality.SequenceGaps;
import org.bkdms.analysis.quality.SiteKpiQuality;
import org.bkdms.analysis.quality.SiteQuality;
import org.bkdms.analysis.quality.ValidityIssue;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample data are realistic and hold exactly the faults they claim, which the quality analysis finds. */
class SampleCityDataTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    static SampleCityData data;
    static QualityReport quality;

    @BeforeAll
    static void analyse() {
        data = SampleCityData.standard();
        quality = new QualityAnalyzer(new ObservationValidator(CATALOGUE), QualityConfig.defaults())
                .analyze(AnalysisInput.of(data.observations(), data.policies(), SampleCityData.WINDOW), Granularity.MONTH);
    }

    static SiteQuality site(SampleCityData.Site s) {
        return quality.sites().stream().filter(q -> q.siteId().equals(s.siteId())).findFirst().orElseThrow();
    }

    static SiteKpiQuality siteKpi(SampleCityData.Site s, String kpi) {
        return quality.siteKpis().stream().filter(q -> q.siteId().equals(s.siteId()) && q.kpiCode().equals(kpi))
                .findFirst().orElseThrow();
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherValues() {
        assertThat(SampleCityData.generate(SampleCityData.DEFAULT_SEED).observations()).isEqualTo(data.observations());
        assertThat(SampleCityData.generate(1).observations()).hasSameSizeAs(data.observations())
                .isNotEqualTo(data.observations());
    }

    @Test
    void twoCitiesFiveSitesTwentyFourKpisTwoYears() {
        assertThat(data.observations().stream().map(Observation::city).distinct()).hasSize(2);
        assertThat(data.observations().stream().map(Observation::siteId).distinct()).hasSize(5);
        assertThat(data.observations().stream().map(Observation::kpiCode).distinct()).hasSize(24)
                .allSatisfy(code -> assertThat(CATALOGUE.find(org.bkdms.core.kpi.KpiCode.parse(code))).isPresent());
        assertThat(data.observations()).allSatisfy(o -> assertThat(SampleCityData.WINDOW.contains(o.observationTime())).isTrue());
        assertThat(data.policies()).hasSize(5);
        assertThat(SampleCityData.kpiCodes()).hasSize(24);
    }

    @Test
    void everyValueIsValidExceptTheOneInjectedInvalidValue() {
        ObservationValidator v = new ObservationValidator(CATALOGUE);
        List<Observation> invalid = data.observations().stream().filter(o -> v.check(o).isPresent()).toList();
        assertThat(invalid).singleElement().satisfies(o -> {
            assertThat(o.kpiCode()).isEqualTo("EC: ICT: ICT: 1C");
            assertThat(o.value()).isEqualByComparingTo("101.5");
        });
        assertThat(quality.invalidByIssue()).containsExactlyEntriesOf(Map.of(ValidityIssue.OUT_OF_RANGE, 1L));
    }

    @Test
    void airQualityHasASeasonalPattern() {
        double winter = meanOf("pm_2.5", Set.of(1, 2, 12));
        double summer = meanOf("pm_2.5", Set.of(6, 7, 8));
        assertThat(winter).isGreaterThan(summer * 1.3);
        double ozoneSummer = meanOf("o3", Set.of(6, 7, 8));
        double ozoneWinter = meanOf("o3", Set.of(1, 2, 12));
        assertThat(ozoneSummer).isGreaterThan(ozoneWinter * 1.3);
    }

    static double meanOf(String series, Set<Integer> months) {
        return data.observations().stream().filter(o -> o.series().equals(series))
                .filter(o -> months.contains(o.observationTime().atZone(java.time.ZoneOffset.UTC).getMonthValue()))
                .mapToDouble(o -> o.value().doubleValue()).average().orElseThrow();
    }

    @Test
    void theLostMonthOfTheTrondheimHubIsAGapInReportsAndSequenceNumbers() {
        SiteQuality hub = site(SampleCityData.TRD_HUB);
        assertThat(hub.sequence().missing()).isEqualTo(23);
        assertThat(hub.sequence().gaps()).hasSize(1);
        SequenceGaps.Range gap = hub.sequence().gaps().get(0);
        assertThat(gap.to() - gap.from() + 1).isEqualTo(23);
        assertThat(hub.expectedPeriods()).isEqualTo(24);
        assertThat(hub.periodsWithData()).isEqualTo(23);
        assertThat(siteKpi(SampleCityData.TRD_HUB, "EN: EN: WA: 1C").missingReports()).isEqualTo(6);
    }

    @Test
    void theValenciaStationOutageIsMissingReportsWithoutSequenceGaps() {
        SiteQuality air = site(SampleCityData.VLC_AIR);
        assertThat(air.sequence().missing()).isZero();
        assertThat(air.expectedReports() - air.receivedReports()).isEqualTo(5 * 5);
        assertThat(siteKpi(SampleCityData.VLC_AIR, SampleCityData.AIR).firstMissing()).hasSize(20)
                .allSatisfy(m -> assertThat(m.slotStart().toString().substring(0, 10)).isBetween("2025-02-10", "2025-02-14"))
                .first().isEqualTo(new org.bkdms.analysis.quality.MissingReport("no2",
                        java.time.Instant.parse("2025-02-10T00:00:00Z")));
    }

    @Test
    void lateDuplicateAndConflictingRecordsAreFound() {
        SiteQuality vlcHub = site(SampleCityData.VLC_HUB);
        assertThat(vlcHub.timeliness().late()).as("23 KPIs of May 2025, 32 series").isEqualTo(32);
        assertThat(vlcHub.timeliness().maxDelaySeconds()).isGreaterThan(Duration.ofDays(45).toSeconds());
        assertThat(vlcHub.conflicts()).isEqualTo(1);
        assertThat(siteKpi(SampleCityData.VLC_HUB, "EN: EN: WS: 2C").conflicts()).isEqualTo(1);
        assertThat(site(SampleCityData.TRD_AIR_1).duplicates()).as("five series sent twice").isEqualTo(5);
        assertThat(quality.sites().stream().mapToLong(s -> s.timeliness().late()).sum()).isEqualTo(32);
    }

    @Test
    void theOutlierIsFlaggedAndFlagsStayRare() {
        Assessment a = Assessor.withDefaults(CATALOGUE).assess(AnalysisInput.of(data.observations(), data.policies(),
                SampleCityData.WINDOW), Granularity.MONTH, TargetSet.example(CATALOGUE));
        assertThat(a.anomalies()).anySatisfy(f -> {
            assertThat(f.siteId()).isEqualTo(SampleCityData.TRD_AIR_2.siteId());
            assertThat(f.series()).isEqualTo("pm_10");
            assertThat(f.value()).isEqualByComparingTo("480.0");
            assertThat(f.tracingCode()).isNotNull();
        });
        assertThat(a.anomalies()).allSatisfy(f -> assertThat(f.advisory()).isTrue());
        assertThat(a.anomalies().size()).isLessThan(data.observations().size() / 1000);
        assertThat(a.values()).isNotEmpty();
        assertThat(a.targets()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(a.scores()).hasSize(2).allSatisfy(c -> assertThat(c.dimensions()).hasSize(3));
    }

    @Test
    void faultsAreListed() {
        assertThat(data.faults()).extracting(SampleCityData.Fault::kind)
                .contains("gap", "outage", "late", "duplicate", "conflict", "outlier", "invalid");
    }

    @Test
    void csvFilesHoldOneFilePerSiteWithEveryObservation(@TempDir Path dir) throws IOException {
        List<Path> files = data.writeCsv(dir);
        assertThat(files).hasSize(5);
        long rows = 0;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo(SampleCityData.CSV_HEADER);
            String site = f.getFileName().toString().replace(".csv", "");
            assertThat(lines.subList(1, lines.size())).allSatisfy(l -> {
                String[] p = l.split(",", -1);
                assertThat(p).hasSize(6);
                assertThat(p[0]).isEqualTo(site);
            });
            rows += lines.size() - 1;
        }
        assertThat(rows).isEqualTo(data.observations().size());
        Set<String> units = Files.readAllLines(files.get(0)).stream().skip(1).map(l -> l.split(",")[5])
                .collect(Collectors.toSet());
        assertThat(units).containsExactly("ug/m3");
    }

}
