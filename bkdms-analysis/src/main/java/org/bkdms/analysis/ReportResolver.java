package org.bkdms.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces observations to one per report (site, KPI, series, reporting slot), so that a value sent
 * twice counts once. When a report has observations of different values, the one in the highest
 * block wins (then the highest site sequence number): a site corrects a value by sending it again,
 * and the later submission is the correction. The conflict itself is counted by the quality
 * analysis.
 */
public final class ReportResolver {
    private static final Comparator<Observation> NEWEST_LAST = Comparator.comparingLong(Observation::blockHeight)
            .thenComparing(o -> o.siteSequence() == null ? Long.MIN_VALUE : o.siteSequence());

    private ReportResolver() {
    }

    private record ReportKey(String site, String kpi, String series, Instant slot) {
        @Override
        public int hashCode() {
            return reportHash(site, kpi, series, slot);
        }
    }

    /**
     * A hash of a report's identity for hash maps of millions of reports. The default record hash
     * keeps the low bits of the slot's epoch second, which are all zero for daily slots (86 400 is
     * a multiple of 128), and piles reports into few buckets; this one mixes them first.
     *
     * @param site the site
     * @param kpi the KPI
     * @param series the series
     * @param slot the slot start
     * @return the hash
     */
    public static int reportHash(String site, String kpi, String series, Instant slot) {
        int h = 31 * (31 * site.hashCode() + kpi.hashCode()) + series.hashCode();
        long mixed = (slot.getEpochSecond() ^ ((long) h << 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 29));
    }

    /**
     * @param observations valid observations
     * @param book the policies, which define the reporting slots
     * @return one observation per report, in the order the reports were first seen
     */
    public static List<Observation> resolve(List<Observation> observations, PolicyBook book) {
        Map<ReportKey, Observation> chosen = new HashMap<>(observations.size() * 4 / 3 + 16);
        List<ReportKey> order = new ArrayList<>();
        for (Observation o : observations) {
            ReportKey k = new ReportKey(o.siteId(), o.kpiCode(), o.series(), book.slotOf(o));
            Observation prev = chosen.get(k);
            if (prev == null) {
                order.add(k);
                chosen.put(k, o);
            } else if (NEWEST_LAST.compare(o, prev) > 0) {
                chosen.put(k, o);
            }
        }
        List<Observation> out = new ArrayList<>(order.size());
        for (ReportKey k : order) {
            out.add(chosen.get(k));
        }
        return out;
    }
}
