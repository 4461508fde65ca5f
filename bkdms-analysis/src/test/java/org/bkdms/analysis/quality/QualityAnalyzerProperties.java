package org.bkdms.analysis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Obs;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.TimeWindow;
import org.bkdms.core.kpi.KpiCatalogue;

class QualityAnalyzerProperties {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    static final List<String> KPIS = List.of("EC: ICT: ICT: 1C", "EC: ICT: ICT: 2C", "EN: EN: AQ: 2C", "EN: EN: WS: 2C");
    static final List<String> UNITS = List.of("%", "%", "t CO2e/capita/a", "L/capita/d");
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    final QualityAnalyzer analyzer = new QualityAnalyzer(new ObservationValidator(CATALOGUE), QualityConfig.defaults());

    /** Every site reports every KPI every day; record i of a site has sequence number i + 1. */
    static List<Observation> fullData(int sites, int kpis, int days) {
        List<Observation> out = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            long seq = 0;
            for (int d = 0; d < days; d++) {
                for (int k = 0; k < kpis; k++) {
                    out.add(Obs.of().site("10.0.0." + (s + 1)).kpi(KPIS.get(k)).unit(UNITS.get(k)).value("5")
                            .time(START.plusSeconds(d * 86_400L + 3600)).seq(++seq).height(d + 1).build());
                }
            }
        }
        return out;
    }

    static List<CollectionPolicy> dailyPolicies(int sites, int kpis) {
        List<CollectionPolicy> out = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            out.add(new CollectionPolicy("10.0.0." + (s + 1), KPIS.subList(0, kpis), 86_400, null));
        }
        return out;
    }

    @Property(tries = 200)
    void completenessIsOneWhenNothingIsMissing(@ForAll @IntRange(min = 1, max = 4) int sites,
            @ForAll @IntRange(min = 1, max = 4) int kpis, @ForAll @IntRange(min = 1, max = 60) int days) {
        TimeWindow w = new TimeWindow(START, START.plusSeconds(days * 86_400L));
        QualityReport r = analyzer.analyze(AnalysisInput.of(fullData(sites, kpis, days), dailyPolicies(sites, kpis), w),
                Granularity.MONTH);
        assertThat(r.siteKpis()).hasSize(sites * kpis).allSatisfy(q -> {
            assertThat(q.completeness()).isEqualTo(1.0);
            assertThat(q.missingReports()).isZero();
            assertThat(q.expectedReports()).isEqualTo(days);
        });
        assertThat(r.sites()).allSatisfy(s -> {
            assertThat(s.sequence().missing()).isZero();
            assertThat(s.availability()).isEqualTo(1.0);
        });
        assertThat(r.cities()).singleElement().satisfies(c -> assertThat(c.completeness()).isEqualTo(1.0));
    }

    @Property(tries = 200)
    void gapsAreCountedExactly(@ForAll @IntRange(min = 1, max = 3) int kpis, @ForAll @IntRange(min = 2, max = 40) int days,
            @ForAll @Size(max = 30) Set<@IntRange(min = 0, max = 119) Integer> dropped) {
        List<Observation> all = fullData(1, kpis, days);
        List<Observation> kept = new ArrayList<>();
        TreeSet<Long> keptSeq = new TreeSet<>();
        int droppedHere = 0;
        for (int i = 0; i < all.size(); i++) {
            if (dropped.contains(i)) {
                droppedHere++;
            } else {
                kept.add(all.get(i));
                keptSeq.add(all.get(i).siteSequence());
            }
        }
        TimeWindow w = new TimeWindow(START, START.plusSeconds(days * 86_400L));
        QualityReport r = analyzer.analyze(AnalysisInput.of(kept, dailyPolicies(1, kpis), w), Granularity.MONTH);
        long missing = r.siteKpis().stream().mapToLong(SiteKpiQuality::missingReports).sum();
        assertThat(missing).isEqualTo(droppedHere);
        long expectedSeqGaps = keptSeq.isEmpty() ? 0 : keptSeq.last() - keptSeq.first() + 1 - keptSeq.size();
        assertThat(r.sites().get(0).sequence().missing()).isEqualTo(expectedSeqGaps);
        long periodMissing = r.periods().stream().mapToLong(p -> p.expectedReports() - p.receivedReports()).sum();
        assertThat(periodMissing).isEqualTo(droppedHere);
    }
}
