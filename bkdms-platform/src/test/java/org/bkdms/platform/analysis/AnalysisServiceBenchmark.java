package org.bkdms.platform.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bkdms.analysis.CollectionPolicy;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.Observation;
import org.bkdms.analysis.sample.SampleCityData;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.store.DatabaseConfig;
import org.bkdms.platform.store.PlatformDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time of the analysis routes' work on a realistic data set in embedded H2: eight copies of the
 * analysis library's sample data (two cities, two years, 24 KPIs, with its faults), each copy under
 * its own five site ids, about 100,000 observations and 40 collection policies. Each operation is
 * run once to warm up, then five times; the median wall and CPU time are printed. Not part of the
 * test suite (the name does not end in Test): run it with
 * {@code mvn -B -o -pl bkdms-platform -am test -Dtest=AnalysisServiceBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AnalysisServiceBenchmark {
    private static final int COPIES = 8;
    private static final int RUNS = 5;

    @TempDir
    Path dir;

    @FunctionalInterface
    private interface Operation {
        Object run() throws SQLException;
    }

    @Test
    void readAndAnalyseAboutOneHundredThousandObservations() throws Exception {
        try (PlatformDatabase db = PlatformDatabase.open(DatabaseConfig.h2File(dir.resolve("bench")))) {
            long loaded = load(db);
            // no cache: every run reads and computes, as the first request after a new block does
            AnalysisService analysis = new AnalysisService(db, KpiCatalogue.u4ssc(), PlatformConfig.Dashboard.defaults(),
                    Clock.systemUTC(), 0);
            AnalysisService cached = new AnalysisService(db, KpiCatalogue.u4ssc(), PlatformConfig.Dashboard.defaults(),
                    Clock.systemUTC(), AnalysisService.DEFAULT_CACHE_ENTRIES);
            AnalysisService.Filter all = new AnalysisService.Filter(null, null, SampleCityData.WINDOW.from(),
                    SampleCityData.WINDOW.to(), Granularity.MONTH);
            assertThat(analysis.input(all).observations()).hasSize((int) loaded);
            System.out.printf(Locale.ROOT, "%n%,d observations, %d policies in H2; median of %d runs after 1 warm-up%n",
                    loaded, COPIES * 5, RUNS);
            System.out.printf(Locale.ROOT, "%-42s %10s %10s%n", "operation", "wall ms", "cpu ms");
            measure("read rows (AnalysisService.input)", () -> analysis.input(all));
            measure("read + quality (/api/analysis/quality)", () -> analysis.quality(all));
            measure("read + assessment (/api/analysis/assessment)", () -> analysis.assessment(all));
            measure("read + NGSI-LD export (/api/export/ngsi-ld)", () -> analysis.exportNgsiLd(all));
            measure("read + JSON export, both analyses", () -> analysis.exportJson(all));
            measure("integrity counters", analysis::integrity);
            measure("quality again, no new block (cached)", () -> cached.quality(all));
        }
    }

    private static void measure(String name, Operation op) throws SQLException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        op.run();
        long[] wall = new long[RUNS];
        long[] cpus = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            op.run();
            wall[i] = System.nanoTime() - t0;
            cpus[i] = cpu.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpus);
        System.out.printf(Locale.ROOT, "%-42s %10d %10d%n", name, wall[RUNS / 2] / 1_000_000, cpus[RUNS / 2] / 1_000_000);
    }

    /** Writes the copies as the extractor would: a storage row per record, an observation row per value, the policies. */
    private static long load(PlatformDatabase db) throws SQLException {
        SampleCityData data = SampleCityData.standard();
        SecureRandom random = new SecureRandom();
        long n = 0;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement storage = c.prepareStatement("INSERT INTO kpi_storage (chain_id, block_height, tx_index, "
                    + "tx_id, site_id, site_sequence, submitted_at, block_time, data_offset, data_length, block_offset, "
                    + "block_length, city_data, tracing_code, check_code, verified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?, TRUE)");
                 PreparedStatement obs = c.prepareStatement("INSERT INTO kpi_observation (tracing_code, chain_id, site_id, "
                         + "country_code, city_scheme, city_code, kpi_code, series, value_kind, value_decimal, value_text, unit, "
                         + "observed_at, record_sequence, quality_flags, site_sequence, block_height, block_time) "
                         + "VALUES (?, 'bench', ?, ?, ?, ?, ?, ?, 'DECIMAL', ?, ?, ?, ?, ?, '', ?, ?, ?)");
                 PreparedStatement policy = c.prepareStatement("INSERT INTO collection_policy (chain_id, site_id, since_height, "
                         + "effective_from, period_seconds, kpi_codes) VALUES ('bench', ?, ?, ?, ?, ?)")) {
                for (int copy = 0; copy < COPIES; copy++) {
                    Map<String, Long> sequences = new HashMap<>();
                    List<Observation> list = new ArrayList<>(data.observations());
                    for (Observation o : list) {
                        String site = copySite(o.siteId(), copy);
                        long seq = o.siteSequence() != null ? o.siteSequence() : sequences.merge(site, 1L, Long::sum);
                        byte[] tracing = new byte[53];
                        random.nextBytes(tracing);
                        // only the position's uniqueness matters to the analysis, which reads the observation rows
                        storage.setString(1, "bench");
                        storage.setLong(2, n);
                        storage.setInt(3, 0);
                        storage.setBytes(4, Arrays.copyOf(tracing, 32));
                        storage.setString(5, site);
                        storage.setLong(6, seq);
                        storage.setObject(7, o.blockTime().atOffset(ZoneOffset.UTC));
                        storage.setObject(8, o.blockTime().atOffset(ZoneOffset.UTC));
                        storage.setBytes(9, new byte[16]);
                        storage.setBytes(10, tracing);
                        storage.setBytes(11, new byte[32]);
                        storage.addBatch();
                        String[] city = o.city().split(":", 2);
                        obs.setBytes(1, tracing);
                        obs.setString(2, site);
                        obs.setInt(3, Integer.parseInt(o.country()));
                        obs.setString(4, city[0]);
                        obs.setString(5, city[1]);
                        obs.setString(6, o.kpiCode());
                        obs.setString(7, o.series());
                        obs.setBigDecimal(8, o.value());
                        obs.setString(9, o.value().toPlainString());
                        obs.setString(10, o.unit());
                        obs.setObject(11, o.observationTime().atOffset(ZoneOffset.UTC));
                        obs.setLong(12, seq);
                        obs.setLong(13, seq);
                        obs.setLong(14, o.blockHeight());
                        obs.setObject(15, o.blockTime().atOffset(ZoneOffset.UTC));
                        obs.addBatch();
                        if (++n % 5000 == 0) {
                            storage.executeBatch();
                            obs.executeBatch();
                        }
                    }
                    long height = 0;
                    for (CollectionPolicy p : data.policies()) {
                        policy.setString(1, copySite(p.siteId(), copy));
                        policy.setLong(2, height++);
                        Instant from = p.effectiveFrom() == null ? SampleCityData.WINDOW.from() : p.effectiveFrom();
                        policy.setObject(3, from.atOffset(ZoneOffset.UTC));
                        policy.setLong(4, p.periodSeconds());
                        policy.setString(5, String.join(",", p.kpiCodes()));
                        policy.addBatch();
                    }
                    policy.executeBatch();
                }
                storage.executeBatch();
                obs.executeBatch();
            }
            c.commit();
        }
        return n;
    }

    private static String copySite(String site, int copy) {
        // 10.20.0.1 -> 10.20.<copy>.1: the same roles and cities under other addresses
        String[] parts = site.split("\\.");
        return parts[0] + "." + parts[1] + "." + copy + "." + parts[3];
    }
}
