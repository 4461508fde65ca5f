package org.bkdms.analysis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.IntegrityCounters;
import org.bkdms.analysis.Obs;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.Test;

class QualityAnalyzerTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    static final String SITE = "10.0.0.1";
    static final String ICT = "EC: ICT: ICT: 1C";
    static final String AIR = "EN: EN: AQ: 1C";
    static final TimeWindow YEAR_2025 = new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"));
    static final long MONTH = 30L * 86_400;

    final QualityAnalyzer analyzer = new QualityAnalyzer(new ObservationValidator(CATALOGUE), QualityConfig.defaults());

    static Instant month(int m) {
        return Instant.parse(String.format("2025-%02d-01T00:00:00Z", m));
    }

    static List<Observation> monthly(String kpi, int... months) {
        List<Observation> out = new ArrayList<>();
        for (int m : months) {
            out.add(Obs.of().site(SITE).kpi(kpi).time(month(m)).seq(m).build());
        }
        return out;
    }

    QualityReport analyze(List<Observation> obs, List<CollectionPolicy> policies) {
        return analyzer.analyze(AnalysisInput.of(obs, policies, YEAR_2025), Granularity.MONTH);
    }

    @Test
    void completenessIsOneWhenEveryExpectedReportArrived() {
        QualityReport r = analyze(monthly(ICT, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null)));
        SiteKpiQuality q = r.siteKpis().get(0);
        assertThat(q.expectedReports()).isEqualTo(12);
        assertThat(q.receivedReports()).isEqualTo(12);
        assertThat(q.completeness()).isEqualTo(1.0);
        assertThat(q.firstMissing()).isEmpty();
        assertThat(r.sites().get(0).availability()).isEqualTo(1.0);
        assertThat(r.sites().get(0).sequence().missing()).isZero();
    }

    @Test
    void missingMonthsAreCountedListedAndSeenAsSequenceGaps() {
        QualityReport r = analyze(monthly(ICT, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12),
                List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null)));
        SiteKpiQuality q = r.siteKpis().get(0);
        assertThat(q.missingReports()).isEqualTo(2);
        assertThat(q.completeness()).isEqualTo(10 / 12.0);
        assertThat(q.firstMissing()).containsExactly(new MissingReport("value", month(4)),
                new MissingReport("value", month(5)));
        SiteQuality s = r.sites().get(0);
        assertThat(s.sequence().missing()).isEqualTo(2);
        assertThat(s.sequence().gaps()).containsExactly(new SequenceGaps.Range(4, 5));
        assertThat(s.expectedPeriods()).isEqualTo(12);
        assertThat(s.periodsWithData()).isEqualTo(10);
        assertThat(r.periods()).filteredOn(p -> p.period().label().equals("2025-04"))
                .singleElement().satisfies(p -> assertThat(p.completeness()).isEqualTo(0.0));
    }

    @Test
    void everySeriesOfAMultiSeriesKpiIsAReport() {
        List<Observation> obs = new ArrayList<>();
        for (String series : List.of("no2", "o3", "pm_10", "pm_2.5")) { // so2 never sent
            obs.add(Obs.of().site(SITE).kpi(AIR).series(series).unit("ug/m3").value("10").time(month(3)).build());
        }
        TimeWindow march = new TimeWindow(month(3), month(4));
        QualityReport r = analyzer.analyze(AnalysisInput.of(obs,
                List.of(new CollectionPolicy(SITE, List.of(AIR), MONTH, null)), march), Granularity.MONTH);
        SiteKpiQuality q = r.siteKpis().get(0);
        assertThat(q.expectedReports()).isEqualTo(5);
        assertThat(q.receivedReports()).isEqualTo(4);
        assertThat(q.firstMissing()).containsExactly(new MissingReport("so2", month(3)));
    }

    @Test
    void equalRepeatsAreDuplicatesAndDifferentValuesAConflict() {
        List<Observation> obs = new ArrayList<>(monthly(ICT, 1, 2, 3));
        obs.add(Obs.of().site(SITE).kpi(ICT).time(month(1)).seq(10).height(9).build()); // same value 50
        obs.add(Obs.of().site(SITE).kpi(ICT).time(month(1)).seq(11).height(10).build());
        obs.add(Obs.of().site(SITE).kpi(ICT).time(month(2).plusSeconds(3600)).value("51").seq(12).build());
        QualityReport r = analyze(obs, List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null)));
        SiteKpiQuality q = r.siteKpis().get(0);
        assertThat(q.duplicates()).isEqualTo(2);
        assertThat(q.conflicts()).isEqualTo(1);
        assertThat(q.receivedReports()).isEqualTo(3);
    }

    @Test
    void timelinessUsesCollectionTimeWhenKnownAndCountsLateRecords() {
        List<Observation> obs = new ArrayList<>();
        for (int m = 1; m <= 10; m++) {
            Instant collected = month(m).plusSeconds(86_400);
            long delay = m == 10 ? 40L * 86_400 : m * 100L;
            obs.add(Obs.of().site(SITE).kpi(ICT).time(month(m)).collected(collected)
                    .blockTime(collected.plusSeconds(delay)).build());
        }
        QualityReport r = analyze(obs, List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null)));
        Timeliness t = r.siteKpis().get(0).timeliness();
        assertThat(t.count()).isEqualTo(10);
        assertThat(t.medianDelaySeconds()).isEqualTo(550);
        assertThat(t.maxDelaySeconds()).isEqualTo(40L * 86_400);
        assertThat(t.late()).as("late after one 30-day reporting period").isEqualTo(1);

        QualityAnalyzer strict = new QualityAnalyzer(new ObservationValidator(CATALOGUE),
                new QualityConfig(Duration.ofSeconds(500), 20));
        QualityReport strictReport = strict.analyze(AnalysisInput.of(obs,
                List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null)), YEAR_2025), Granularity.MONTH);
        assertThat(strictReport.siteKpis().get(0).timeliness().late()).as("600..900 s and 40 days").isEqualTo(5);
    }

    @Test
    void invalidObservationsAreCountedByIssueAndDoNotFillReports() {
        List<Observation> obs = List.of(
                Obs.of().site(SITE).kpi(ICT).time(month(1)).value("101").build(),
                Obs.of().site(SITE).kpi(ICT).time(month(2)).unit("ratio").build(),
                Obs.of().site(SITE).kpi(ICT).series("pm_10").time(month(3)).build(),
                Obs.of().site(SITE).kpi("XX: YY: ZZ: 9C").time(month(4)).build(),
                Obs.of().site(SITE).kpi("not a code").time(month(4)).build(),
                Obs.of().site(SITE).kpi("SC: SH: SA: 3A").unit("yes/no").value("2").time(month(4)).build());
        QualityReport r = analyze(obs, List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null)));
        assertThat(r.invalidByIssue()).containsExactlyInAnyOrderEntriesOf(Map.of(ValidityIssue.OUT_OF_RANGE, 1L,
                ValidityIssue.UNIT_MISMATCH, 1L, ValidityIssue.UNKNOWN_SERIES, 1L, ValidityIssue.UNKNOWN_KPI, 2L,
                ValidityIssue.WRONG_KIND, 1L));
        SiteKpiQuality ict = r.siteKpis().stream().filter(q -> q.kpiCode().equals(ICT)).findFirst().orElseThrow();
        assertThat(ict.receivedReports()).isZero();
        assertThat(ict.invalidTotal()).isEqualTo(3);
        assertThat(r.sites().get(0).invalid()).isEqualTo(6);
        assertThat(r.siteKpis()).filteredOn(q -> !q.inPolicy()).hasSize(3);
    }

    @Test
    void aNewPolicyVersionAppliesFromItsEffectiveTime() {
        // monthly ICT until July, then ICT and air quality from July on
        List<CollectionPolicy> policies = List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null),
                new CollectionPolicy(SITE, List.of(ICT, AIR), MONTH, month(7)));
        QualityReport r = analyze(monthly(ICT, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), policies);
        SiteKpiQuality air = r.siteKpis().stream().filter(q -> q.kpiCode().equals(AIR)).findFirst().orElseThrow();
        assertThat(air.expectedReports()).isEqualTo(6 * 5);
        assertThat(air.receivedReports()).isZero();
        assertThat(air.observations()).isZero();
        SiteKpiQuality ict = r.siteKpis().stream().filter(q -> q.kpiCode().equals(ICT)).findFirst().orElseThrow();
        assertThat(ict.completeness()).isEqualTo(1.0);
    }

    @Test
    void observationsOutsideTheWindowAreIgnoredButCounted() {
        List<Observation> obs = new ArrayList<>(monthly(ICT, 1));
        obs.add(Obs.of().site(SITE).kpi(ICT).time("2024-12-01T00:00:00Z").build());
        QualityReport r = analyze(obs, List.of());
        assertThat(r.outsideWindow()).isEqualTo(1);
        assertThat(r.siteKpis().get(0).observations()).isEqualTo(1);
        assertThat(r.siteKpis().get(0).completeness()).as("no policy, nothing expected").isNull();
    }

    @Test
    void citiesAddUpTheirSitesAndIntegrityCountersAreCarried() {
        List<Observation> obs = new ArrayList<>(monthly(ICT, 1, 2, 3));
        obs.add(Obs.of().site("10.0.0.2").kpi(ICT).time(month(1)).build());
        obs.add(Obs.of().site("10.9.0.1").city("UNLOCODE:ESVLC").country("724").kpi(ICT).time(month(1)).build());
        List<CollectionPolicy> policies = List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null),
                new CollectionPolicy("10.0.0.2", List.of(ICT), MONTH, null));
        IntegrityCounters siteCounters = new IntegrityCounters(Map.of("REPLAY", 3L, "BAD_SIGNATURE", 1L), Map.of());
        IntegrityCounters platform = new IntegrityCounters(Map.of("MALFORMED", 7L), Map.of("DIGEST_MISMATCH", 2L));
        QualityReport r = analyzer.analyze(new AnalysisInput(obs, policies, YEAR_2025, platform,
                Map.of(SITE, siteCounters)), Granularity.QUARTER);
        assertThat(r.cities()).extracting(CityQuality::city).containsExactly("UNLOCODE:ESVLC", "UNLOCODE:NOTRD");
        CityQuality trd = r.cities().get(1);
        assertThat(trd.sites()).isEqualTo(2);
        assertThat(trd.expectedReports()).isEqualTo(24);
        assertThat(trd.receivedReports()).isEqualTo(4);
        assertThat(trd.expectedPeriods()).isEqualTo(8);
        assertThat(trd.periodsWithData()).isEqualTo(2);
        assertThat(r.sites()).filteredOn(s -> s.siteId().equals(SITE)).singleElement()
                .satisfies(s -> assertThat(s.integrity().totalRejections()).isEqualTo(4));
        assertThat(r.platformIntegrity().totalVerificationFailures()).isEqualTo(2);
    }

    @Test
    void aSiteWithAPolicyButNoDataIsFullyUnavailable() {
        QualityReport r = analyze(List.of(), List.of(new CollectionPolicy(SITE, List.of(ICT), MONTH, null)));
        SiteQuality s = r.sites().get(0);
        assertThat(s.city()).isEqualTo("unknown");
        assertThat(s.availability()).isEqualTo(0.0);
        assertThat(s.lastSeen()).isNull();
        assertThat(r.siteKpis().get(0).missingReports()).isEqualTo(12);
        assertThat(r.siteKpis().get(0).firstMissing()).hasSize(12);
    }
}
