package org.bkdms.analysis.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.IntegrityCounters;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.Period;
import org.bkdms.analysis.PolicyBook;
import org.bkdms.analysis.ReportResolver;
import org.bkdms.analysis.ReportingCadence;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.SeriesDefinition;

/**
 * Computes the quality and availability of KPI data: for every site and KPI, which reports the
 * collection policy expected in the window and which arrived, how late they arrived, which
 * observations break the catalogue's rules, and which reports came more than once with equal or
 * different values; then the same figures per calendar period, per site and per city.
 *
 * <p>Definitions (also in {@code docs/ANALYSIS.md}): a <em>report</em> is one data series of one KPI
 * for one reporting slot of the site's policy (see {@link ReportingCadence}); a report is expected
 * when its slot starts inside the window and inside the span in which the policy version is in
 * force, and received when at least one valid observation falls into it. Stateless and thread-safe.
 */
public final class QualityAnalyzer {
    private static final long ONE_DAY = 86_400;
    private final ObservationValidator validator;
    private final QualityConfig config;

    /**
     * @param validator the catalogue check
     * @param config the settings
     */
    public QualityAnalyzer(ObservationValidator validator, QualityConfig config) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.config = Objects.requireNonNull(config, "config");
    }

    private record SiteKpi(String site, String kpi) {
    }

    private record ReportKey(String site, String kpi, String series, Instant slot) {
        @Override
        public int hashCode() {
            return ReportResolver.reportHash(site, kpi, series, slot);
        }
    }

    /** Values seen for one report: the first value and whether any other differed. */
    private static final class ReportState {
        final BigDecimal first;
        int count = 1;
        boolean conflicting;

        ReportState(BigDecimal first) {
            this.first = first;
        }
    }

    /** A growable array of longs, to keep a million delays without boxing. */
    private static final class Longs {
        long[] a = new long[16];
        int n;
        long late;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        void addAll(Longs o) {
            for (int i = 0; i < o.n; i++) {
                add(o.a[i]);
            }
            late += o.late;
        }

        Timeliness timeliness() {
            return Timeliness.of(a.clone(), n, late);
        }
    }

    private static final class SiteKpiAcc {
        long observations;
        final Map<ValidityIssue, Long> invalid = new EnumMap<>(ValidityIssue.class);
        final Longs delays = new Longs();
        final Map<Instant, Long> validByPeriod = new HashMap<>();
        long duplicates;
        long conflicts;
    }

    private static final class SiteAcc {
        String city;
        long observations;
        long invalid;
        Instant lastSeen;
        Instant lastObservation;
        final Longs sequence = new Longs();
        final Set<Instant> periodsWithData = new HashSet<>();
        final Set<Instant> expectedPeriods = new HashSet<>();
    }

    /**
     * @param input the observations, policies, window and counters
     * @param granularity period length for the per-period rows and for availability
     * @return the report
     */
    public QualityReport analyze(AnalysisInput input, Granularity granularity) {
        PolicyBook book = new PolicyBook(input.policies());
        Map<SiteKpi, SiteKpiAcc> kpiAcc = new HashMap<>();
        Map<String, SiteAcc> siteAcc = new HashMap<>();
        Map<ReportKey, ReportState> reports = new HashMap<>(input.observations().size() * 4 / 3 + 16);
        Map<ValidityIssue, Long> invalidTotal = new EnumMap<>(ValidityIssue.class);
        long outside = 0;

        for (Observation o : input.observations()) {
            SiteAcc s = siteAcc.computeIfAbsent(o.siteId(), x -> new SiteAcc());
            if (s.city == null) {
                s.city = o.city();
            }
            if (o.siteSequence() != null) {
                s.sequence.add(o.siteSequence());
            }
            if (!input.window().contains(o.observationTime())) {
                outside++;
                continue;
            }
            s.observations++;
            s.lastSeen = max(s.lastSeen, o.blockTime());
            s.lastObservation = max(s.lastObservation, o.observationTime());
            SiteKpiAcc k = kpiAcc.computeIfAbsent(new SiteKpi(o.siteId(), o.kpiCode()), x -> new SiteKpiAcc());
            k.observations++;
            Optional<ValidityIssue> issue = validator.check(o);
            if (issue.isPresent()) {
                k.invalid.merge(issue.get(), 1L, Long::sum);
                invalidTotal.merge(issue.get(), 1L, Long::sum);
                s.invalid++;
                continue;
            }
            Optional<CollectionPolicy> policy = book.at(o.siteId(), o.observationTime());
            ReportingCadence cadence = policy.map(CollectionPolicy::cadence).orElse(null);
            Instant slot = cadence == null ? o.observationTime() : cadence.slotStart(o.observationTime());
            long lateAfter = config.lateAfter() != null ? config.lateAfter().toSeconds()
                    : cadence != null ? cadence.slotSeconds() : ONE_DAY;
            long delay = o.blockTime().getEpochSecond() - o.referenceTime().getEpochSecond();
            k.delays.add(delay);
            if (delay > lateAfter) {
                k.delays.late++;
            }
            Instant period = granularity.startOf(o.observationTime());
            k.validByPeriod.merge(period, 1L, Long::sum);
            s.periodsWithData.add(period);
            ReportKey key = new ReportKey(o.siteId(), o.kpiCode(), o.series(), slot);
            ReportState r = reports.get(key);
            if (r == null) {
                reports.put(key, new ReportState(o.value()));
            } else {
                r.count++;
                if (r.first.compareTo(o.value()) != 0) {
                    r.conflicting = true;
                }
            }
        }
        for (Map.Entry<ReportKey, ReportState> e : reports.entrySet()) {
            ReportState r = e.getValue();
            if (r.count > 1) {
                SiteKpiAcc k = kpiAcc.get(new SiteKpi(e.getKey().site(), e.getKey().kpi()));
                if (r.conflicting) {
                    k.conflicts++;
                } else {
                    k.duplicates += r.count - 1;
                }
            }
        }

        // Expected reports: every policy version's slots inside the window, shared by its KPIs.
        Map<SiteKpi, List<Expected>> expected = new HashMap<>();
        for (String site : book.sites()) {
            SiteAcc s = siteAcc.computeIfAbsent(site, x -> new SiteAcc());
            for (var span : book.spans(site)) {
                Instant from = latest(span.from(), input.window().from());
                Instant to = earliest(span.to(), input.window().to());
                if (!from.isBefore(to)) {
                    continue;
                }
                ReportingCadence cadence = span.policy().cadence();
                Instant slot = cadence.slotStart(from);
                if (slot.isBefore(from)) {
                    slot = cadence.nextSlot(slot);
                }
                List<Instant> slots = new ArrayList<>();
                List<Instant> periods = new ArrayList<>();
                for (; slot.isBefore(to); slot = cadence.nextSlot(slot)) {
                    slots.add(slot);
                    Instant period = granularity.startOf(slot);
                    periods.add(period);
                    s.expectedPeriods.add(period);
                }
                for (String kpi : span.policy().kpiCodes()) {
                    List<String> series = validator.definition(kpi).map(QualityAnalyzer::seriesKeys)
                            .orElse(List.of(SeriesDefinition.SINGLE));
                    expected.computeIfAbsent(new SiteKpi(site, kpi), x -> new ArrayList<>())
                            .add(new Expected(series, slots, periods));
                }
            }
        }

        return assemble(input, granularity, kpiAcc, siteAcc, expected, reports.keySet(), invalidTotal, outside);
    }

    private static List<String> seriesKeys(KpiDefinition d) {
        return d.series().stream().map(SeriesDefinition::key).toList();
    }

    /**
     * The reports one policy version expects from one site for one KPI: every series in every
     * slot. The slot lists are shared by all KPIs of the version.
     */
    private record Expected(List<String> series, List<Instant> slots, List<Instant> periods) {
    }

    private QualityReport assemble(AnalysisInput input, Granularity granularity, Map<SiteKpi, SiteKpiAcc> kpiAcc,
            Map<String, SiteAcc> siteAcc, Map<SiteKpi, List<Expected>> expected, Set<ReportKey> received,
            Map<ValidityIssue, Long> invalidTotal, long outside) {
        TreeSet<SiteKpi> keys = new TreeSet<>((a, b) -> {
            int c = cityOf(siteAcc, a.site()).compareTo(cityOf(siteAcc, b.site()));
            c = c != 0 ? c : a.site().compareTo(b.site());
            return c != 0 ? c : a.kpi().compareTo(b.kpi());
        });
        keys.addAll(kpiAcc.keySet());
        keys.addAll(expected.keySet());

        List<SiteKpiQuality> rows = new ArrayList<>();
        List<PeriodQuality> periodRows = new ArrayList<>();
        Map<String, long[]> siteReports = new HashMap<>();
        Map<String, Longs> siteDelays = new HashMap<>();
        Map<String, long[]> siteDupConf = new HashMap<>();
        for (SiteKpi key : keys) {
            SiteKpiAcc acc = kpiAcc.getOrDefault(key, new SiteKpiAcc());
            List<Expected> ex = expected.get(key);
            String city = cityOf(siteAcc, key.site());
            long exp = 0;
            long rec = 0;
            List<MissingReport> missing = new ArrayList<>();
            TreeMap<Instant, long[]> byPeriod = new TreeMap<>();
            for (Expected e : ex == null ? List.<Expected>of() : ex) {
                // slots outer, so that the listed missing reports are the earliest ones
                for (int i = 0; i < e.slots().size(); i++) {
                    Instant slot = e.slots().get(i);
                    long[] p = byPeriod.computeIfAbsent(e.periods().get(i), x -> new long[2]);
                    for (String series : e.series()) {
                        exp++;
                        p[0]++;
                        if (received.contains(new ReportKey(key.site(), key.kpi(), series, slot))) {
                            rec++;
                            p[1]++;
                        } else if (missing.size() < config.maxListed()) {
                            missing.add(new MissingReport(series, slot));
                        }
                    }
                }
            }
            missing.sort((a, b) -> {
                int c = a.slotStart().compareTo(b.slotStart());
                return c != 0 ? c : a.series().compareTo(b.series());
            });
            for (Map.Entry<Instant, long[]> e : byPeriod.entrySet()) {
                Period period = granularity.periodOf(e.getKey());
                periodRows.add(new PeriodQuality(key.site(), city, key.kpi(), period, e.getValue()[0], e.getValue()[1],
                        ratio(e.getValue()[1], e.getValue()[0]), acc.validByPeriod.getOrDefault(e.getKey(), 0L)));
            }
            rows.add(new SiteKpiQuality(key.site(), city, key.kpi(), ex != null, acc.observations, exp, rec,
                    ratio(rec, exp), exp - rec, missing, acc.invalid, acc.duplicates, acc.conflicts,
                    acc.delays.timeliness()));
            long[] sr = siteReports.computeIfAbsent(key.site(), x -> new long[2]);
            sr[0] += exp;
            sr[1] += rec;
            siteDelays.computeIfAbsent(key.site(), x -> new Longs()).addAll(acc.delays);
            long[] dc = siteDupConf.computeIfAbsent(key.site(), x -> new long[2]);
            dc[0] += acc.duplicates;
            dc[1] += acc.conflicts;
        }

        List<SiteQuality> sites = new ArrayList<>();
        TreeMap<String, List<SiteQuality>> byCity = new TreeMap<>();
        TreeMap<String, Longs> cityDelays = new TreeMap<>();
        List<String> siteIds = new ArrayList<>(siteAcc.keySet());
        siteIds.sort((a, b) -> {
            int c = cityOf(siteAcc, a).compareTo(cityOf(siteAcc, b));
            return c != 0 ? c : a.compareTo(b);
        });
        for (String site : siteIds) {
            SiteAcc s = siteAcc.get(site);
            long[] sr = siteReports.getOrDefault(site, new long[2]);
            long[] dc = siteDupConf.getOrDefault(site, new long[2]);
            Longs delays = siteDelays.getOrDefault(site, new Longs());
            Set<Instant> withData = new HashSet<>(s.periodsWithData);
            withData.retainAll(s.expectedPeriods);
            SiteQuality q = new SiteQuality(site, cityOf(siteAcc, site), s.observations, s.invalid, sr[0], sr[1],
                    ratio(sr[1], sr[0]), s.expectedPeriods.size(), withData.size(),
                    ratio(withData.size(), s.expectedPeriods.size()), s.lastSeen, s.lastObservation,
                    SequenceGaps.of(s.sequence.a, s.sequence.n, config.maxListed()), dc[0], dc[1],
                    delays.timeliness(), input.siteIntegrity().getOrDefault(site, IntegrityCounters.none()));
            sites.add(q);
            byCity.computeIfAbsent(q.city(), x -> new ArrayList<>()).add(q);
            cityDelays.computeIfAbsent(q.city(), x -> new Longs()).addAll(delays);
        }
        List<CityQuality> cities = new ArrayList<>();
        for (Map.Entry<String, List<SiteQuality>> e : byCity.entrySet()) {
            long obs = 0, inv = 0, exp = 0, rec = 0, ep = 0, pd = 0, dup = 0, conf = 0;
            for (SiteQuality q : e.getValue()) {
                obs += q.observations();
                inv += q.invalid();
                exp += q.expectedReports();
                rec += q.receivedReports();
                ep += q.expectedPeriods();
                pd += q.periodsWithData();
                dup += q.duplicates();
                conf += q.conflicts();
            }
            cities.add(new CityQuality(e.getKey(), e.getValue().size(), obs, inv, exp, rec, ratio(rec, exp), ep, pd,
                    ratio(pd, ep), dup, conf, cityDelays.get(e.getKey()).timeliness()));
        }
        return new QualityReport(input.window(), granularity, rows, periodRows, sites, cities, invalidTotal, outside,
                input.platformIntegrity());
    }

    private static String cityOf(Map<String, SiteAcc> siteAcc, String site) {
        SiteAcc s = siteAcc.get(site);
        return s == null || s.city == null ? "unknown" : s.city;
    }

    private static Double ratio(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
