package org.bkdms.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.tx.AdminAction;

/**
 * Real analysis data on a {@link PlatformFixture} chain, shared by the analysis, REST, browser and
 * export tests: a daily collection policy for air quality ({@code EN: EN: AQ: 1C}) published for both
 * sites, then daily PM records (site A in Trondheim on every day, site B in Hangzhou with two days
 * missing and a gap in its sequence numbers), one record of site A sent twice under two sequence
 * numbers (a duplicate), one replay the ledger refuses and reports as misbehaviour, and a last
 * record of site A on the day after the window.
 *
 * <p>The policy takes effect at its block, so the records describe the days after it: the window
 * {@link #from()} to {@link #to()} holds {@link #DAYS} whole days of reporting slots.
 *
 * @param from the first day's start
 * @param days the days reported
 * @param submissions committed KPI submissions
 */
public record AnalysisData(Instant from, int days, int submissions) {
    /** Days of data. */
    public static final int DAYS = 10;
    /** The KPI. */
    public static final String KPI = "EN: EN: AQ: 1C";
    /** Site A's city. */
    public static final String TRONDHEIM = "UNLOCODE:NOTRD";
    /** Site B's city. */
    public static final String HANGZHOU = "UNLOCODE:CNHGH";
    /** The days (0-based) that site B does not report. */
    public static final List<Integer> B_MISSING_DAYS = List.of(3, 7);

    /** @return the end of the window (exclusive) */
    public Instant to() {
        return from.plus(Duration.ofDays(days));
    }

    /**
     * Publishes the policies and submits the records; returns once every block is stored.
     *
     * @param fx the fixture, its node running
     * @param platform a platform following it
     * @return what was submitted
     * @throws InterruptedException if interrupted while waiting for the platform
     */
    public static AnalysisData seed(PlatformFixture fx, SmartCityPlatform platform) throws InterruptedException {
        for (SiteId site : List.of(fx.siteA, fx.siteB)) {
            platform.permissions().publishPolicy(site, new AdminAction.PublishCollectionPolicy(site,
                    List.of(KpiCode.parse(KPI)), 86_400));
        }
        // the day after the policies' blocks, so every slot of the window lies in their time
        Instant from = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int committed = 0;
        long seqA = 0;
        try (LedgerClient a = fx.siteClient(fx.siteA); LedgerClient b = fx.siteClient(fx.siteB)) {
            long seqB = 0;
            for (int d = 0; d < DAYS; d++) {
                Instant t = from.plus(Duration.ofDays(d)).plus(Duration.ofHours(12));
                double pm10 = 12 + 0.8 * d + 3 * Math.sin(d);
                commit(a, fx, fx.siteA, ++seqA, record(fx.siteA, 578, "NOTRD", t, pm10, pm10 * 0.55, seqA));
                committed++;
                if (d == 4) {
                    // the same record again under the next sequence number: two duplicate observations
                    commit(a, fx, fx.siteA, ++seqA, record(fx.siteA, 578, "NOTRD", t, pm10, pm10 * 0.55, seqA));
                    committed++;
                }
                if (!B_MISSING_DAYS.contains(d)) {
                    seqB += d == 6 ? 2 : 1; // sequence number 7 never reaches the chain
                    double b10 = 48 - 1.5 * d + 5 * Math.cos(d);
                    commit(b, fx, fx.siteB, seqB, record(fx.siteB, 156, "CNHGH", t, b10, b10 * 0.6, seqB));
                    committed++;
                }
            }
            // a replay of A's first sequence number: refused, and reported on chain as misbehaviour
            SubmitResult replay = a.submit(fx.submission(fx.siteA, 1, record(fx.siteA, 578, "NOTRD", from, 1, 1, 1),
                    fx.platformKey.publicKey()));
            if (replay.status() != SubmitResult.Status.REJECTED) {
                throw new IllegalStateException("the replay was not refused: " + replay);
            }
        }
        // the misbehaviour report goes into a later block: one more record (the day after the window) makes sure it is stored
        try (LedgerClient a = fx.siteClient(fx.siteA)) {
            seqA++;
            commit(a, fx, fx.siteA, seqA, record(fx.siteA, 578, "NOTRD", from.plus(Duration.ofDays(DAYS)).plus(Duration.ofHours(12)),
                    20, 11, seqA));
            committed++;
        }
        long head = fx.node().status().height();
        if (!platform.followers().get(PlatformFixture.CHAIN_ID).awaitStored(head, Duration.ofSeconds(60))) {
            throw new IllegalStateException("the platform did not store up to block " + head);
        }
        return new AnalysisData(from, DAYS, committed);
    }

    private static void commit(LedgerClient client, PlatformFixture fx, SiteId site, long seq, UnifiedKpiRecord r) {
        SubmitResult res = client.submit(fx.submission(site, seq, r, fx.platformKey.publicKey()));
        if (res.status() != SubmitResult.Status.COMMITTED) {
            throw new IllegalStateException("submission " + site + "/" + seq + " not committed: " + res);
        }
    }

    /**
     * @param site the site
     * @param country its ISO 3166-1 numeric country
     * @param city its UN/LOCODE city code
     * @param t the record's time
     * @param pm10 the PM10 value
     * @param pm25 the PM2.5 value
     * @param seq the record's sequence number
     * @return an air-quality record with two of the KPI's five series
     */
    public static UnifiedKpiRecord record(SiteId site, int country, String city, Instant t, double pm10, double pm25,
            long seq) {
        Map<String, KpiValue> values = Map.of("pm_10", KpiValue.of(String.format(java.util.Locale.ROOT, "%.2f", pm10)),
                "pm_2.5", KpiValue.of(String.format(java.util.Locale.ROOT, "%.2f", pm25)));
        return new UnifiedKpiRecord(CountryRegion.of(country), new City(CityCodingScheme.UN_LOCODE, city), site, t,
                KpiData.of(KpiCode.parse(KPI), KpiUnit.MICROGRAM_PER_M3, values), Extending.empty().withSequenceNumber(seq));
    }

}
