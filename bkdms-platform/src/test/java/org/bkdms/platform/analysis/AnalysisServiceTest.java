package org.bkdms.platform.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.assessment.Assessment;
import org.bkdms.analysis.assessment.CityKpiValue;
import org.bkdms.analysis.export.NgsiLdExport;
import org.bkdms.analysis.quality.QualityReport;
import org.bkdms.analysis.quality.SiteKpiQuality;
import org.bkdms.analysis.quality.SiteQuality;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.platform.AnalysisData;
import org.bkdms.platform.PlatformException;
import org.bkdms.platform.PlatformFixture;
import org.bkdms.platform.SmartCityPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The analysis over what a real platform extracted from a real chain, on H2 and PostgreSQL. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AnalysisServiceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PlatformFixture.Db.class)
    void qualityAssessmentIntegrityAndExportsComeFromTheStoredChainData(PlatformFixture.Db db) throws Exception {
        try (PlatformFixture fx = new PlatformFixture(dir)) {
            fx.startNode();
            try (SmartCityPlatform platform = fx.startPlatform(fx.database(db), null)) {
                AnalysisData data = AnalysisData.seed(fx, platform);
                AnalysisService analysis = platform.analysis();
                assertThat(platform.store().count("collection_policy")).isEqualTo(2);
                assertThat(platform.store().count("misbehaviour_report")).isEqualTo(1);

                AnalysisService.Filter window = new AnalysisService.Filter(null, null, data.from(), data.to(), Granularity.DAY);
                QualityReport q = analysis.quality(window);
                SiteQuality a = site(q, fx.siteA.toString());
                SiteQuality b = site(q, fx.siteB.toString());
                // five catalogue series a day for ten days are due; the records carry two of them
                assertThat(a.expectedReports()).isEqualTo(5L * AnalysisData.DAYS);
                assertThat(b.expectedReports()).isEqualTo(5L * AnalysisData.DAYS);
                assertThat(a.receivedReports()).isEqualTo(2L * AnalysisData.DAYS);
                assertThat(b.receivedReports()).isEqualTo(2L * (AnalysisData.DAYS - AnalysisData.B_MISSING_DAYS.size()));
                assertThat(a.duplicates()).isEqualTo(2);
                assertThat(a.sequence().missing()).isZero();
                assertThat(b.sequence().missing()).isEqualTo(1);
                assertThat(b.availability()).isEqualTo((AnalysisData.DAYS - 2) / (double) AnalysisData.DAYS);
                assertThat(a.city()).isEqualTo(AnalysisData.TRONDHEIM);
                assertThat(q.siteKpis()).allMatch(SiteKpiQuality::inPolicy);
                assertThat(q.outsideWindow()).isZero(); // the window is the query's: rows outside it are not read
                assertThat(q.platformIntegrity().rejectionsByReason()).containsEntry("REPLAY", 1L);
                assertThat(a.integrity().rejectionsByReason()).containsEntry("REPLAY", 1L);

                AnalysisService.Integrity integrity = analysis.integrity();
                assertThat(integrity.storedRecords()).isEqualTo(data.submissions());
                assertThat(integrity.verifiedRecords()).isEqualTo(data.submissions());
                assertThat(integrity.platform().totalVerificationFailures()).isZero();

                Assessment assessment = analysis.assessment(window);
                CityKpiValue firstDay = assessment.values().stream().filter(v -> v.city().equals(AnalysisData.TRONDHEIM)
                        && v.series().equals("pm_10") && v.period().start().equals(data.from())).findFirst().orElseThrow();
                assertThat(firstDay.value()).isEqualByComparingTo(new BigDecimal("12.00"));
                assertThat(assessment.values()).extracting(CityKpiValue::city).containsOnly(AnalysisData.TRONDHEIM,
                        AnalysisData.HANGZHOU);
                assertThat(assessment.trends()).isNotEmpty();

                // filters: a city narrows the rows and the policies; a KPI without data expects nothing
                QualityReport onlyB = analysis.quality(AnalysisService.Filter.parse("CNHGH", null, data.from().toString(),
                        data.to().toString(), "day"));
                assertThat(onlyB.sites()).extracting(SiteQuality::siteId).containsExactly(fx.siteB.toString());
                QualityReport other = analysis.quality(AnalysisService.Filter.parse(null, "EN:EN:WS:1C",
                        data.from().toString(), data.to().toString(), "day"));
                assertThat(other.sites()).allMatch(s -> s.expectedReports() == 0 && s.observations() == 0);
                // without a window, the periods with data are analysed, the record after the window included
                assertThat(analysis.quality(AnalysisService.Filter.all()).outsideWindow()).isZero();

                String csv = analysis.exportCsv("values", window);
                assertThat(csv.lines().findFirst().orElseThrow()).startsWith("city,country,kpi_code,series");
                assertThat(csv.lines().count()).isEqualTo(1 + assessment.values().size());
                assertThatThrownBy(() -> analysis.exportCsv("passwords", window)).isInstanceOf(PlatformException.class)
                        .extracting(e -> ((PlatformException) e).kind()).isEqualTo(PlatformException.Kind.NOT_FOUND);

                JsonNode entities = new ObjectMapper().readTree(analysis.exportNgsiLd(window));
                assertThat(entities).hasSize(assessment.values().size());
                for (JsonNode e : entities) {
                    assertThat(e.get("type").asText()).isEqualTo("KeyPerformanceIndicator");
                    assertThat(e.get("id").asText()).startsWith(NgsiLdExport.ID_PREFIX).matches(NgsiLdExport.ID_PATTERN);
                    assertThat(e.get("kpiValue").get("type").asText()).isEqualTo("Property");
                }
                JsonNode both = new ObjectMapper().readTree(analysis.exportJson(window));
                assertThat(both.get("quality").get("sites")).hasSize(2);
                assertThat(both.get("assessment").get("values")).hasSize(assessment.values().size());

                // a report is kept while no block arrives, and recomputed once one does
                assertThat(analysis.quality(window)).isSameAs(q);
                try (LedgerClient client = fx.siteClient(fx.siteB)) {
                    SubmitResult r = client.submit(fx.submission(fx.siteB, 50, AnalysisData.record(fx.siteB, 156, "CNHGH",
                            data.from().plus(Duration.ofDays(3)).plus(Duration.ofHours(12)), 40, 24, 50), fx.platformKey.publicKey()));
                    assertThat(r.status()).isEqualTo(SubmitResult.Status.COMMITTED);
                }
                assertThat(platform.followers().get(PlatformFixture.CHAIN_ID).awaitStored(fx.node().status().height(),
                        Duration.ofSeconds(30))).isTrue();
                QualityReport after = analysis.quality(window);
                assertThat(after).isNotSameAs(q);
                assertThat(site(after, fx.siteB.toString()).receivedReports()).isEqualTo(b.receivedReports() + 2);
            }
        }
    }

    @Test
    void badFiltersAreTypedErrorsNamingTheParameter() {
        assertThatThrownBy(() -> AnalysisService.Filter.parse(null, "not a kpi", null, null, null))
                .isInstanceOf(PlatformException.class).hasMessageContaining("kpi");
        assertThatThrownBy(() -> AnalysisService.Filter.parse(null, null, "yesterday", null, null))
                .isInstanceOf(PlatformException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> AnalysisService.Filter.parse(null, null, null, null, "fortnight"))
                .isInstanceOf(PlatformException.class).hasMessageContaining("granularity");
        assertThatThrownBy(() -> AnalysisService.Filter.parse("NO TRD", null, null, null, null))
                .isInstanceOf(PlatformException.class).hasMessageContaining("city");
        assertThatThrownBy(() -> AnalysisService.Filter.parse(null, null, "2026-02-01", "2026-01-01", null))
                .isInstanceOf(PlatformException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> AnalysisService.Filter.parse(null, null, "1900-01-01", "2026-01-01", null))
                .isInstanceOf(PlatformException.class).hasMessageContaining("days apart");
        AnalysisService.Filter f = AnalysisService.Filter.parse(" UNLOCODE:NOTRD ", "en: en: aq: 1c", "2026-01-01",
                "2026-02-01T00:00:00Z", "Quarter");
        assertThat(f.kpiCode()).isEqualTo("EN: EN: AQ: 1C");
        assertThat(f.granularity()).isEqualTo(Granularity.QUARTER);
        assertThat(f.city()).isEqualTo("UNLOCODE:NOTRD");
    }

    private static SiteQuality site(QualityReport q, String id) {
        return q.sites().stream().filter(s -> s.siteId().equals(id)).findFirst().orElseThrow();
    }
}
