package org.bkdms.analysis.export;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bkdms.analysis.assessment.AnomalyFlag;
import org.bkdms.analysis.assessment.CityKpiValue;
import org.bkdms.analysis.assessment.TargetComparison;
import org.bkdms.analysis.assessment.Trend;
import org.bkdms.analysis.quality.CityQuality;
import org.bkdms.analysis.quality.PeriodQuality;
import org.bkdms.analysis.quality.SiteKpiQuality;
import org.bkdms.analysis.quality.SiteQuality;
import org.bkdms.analysis.quality.Timeliness;

/** CSV tables of KPI values and quality figures; column names are documented in {@code docs/ANALYSIS.md}. */
public final class CsvExport {
    private CsvExport() {
    }

    private static List<String> row(Object... fields) {
        List<String> out = new ArrayList<>(fields.length);
        for (Object f : fields) {
            out.add(Decimals.text(f));
        }
        return out;
    }

    private static List<String> header(String csv) {
        return List.of(csv.split(","));
    }

    /**
     * @param values city values
     * @return one row per city, KPI series and period
     */
    public static CsvTable values(List<CityKpiValue> values) {
        List<List<String>> rows = new ArrayList<>();
        for (CityKpiValue v : values) {
            rows.add(row(v.city(), v.country(), v.kpiCode(), v.series(), v.unit(), v.period().granularity(),
                    v.period().label(), v.period().start(), v.period().end(), v.value(), v.rule(), v.sites(),
                    v.observations()));
        }
        return new CsvTable(header("city,country,kpi_code,series,unit,granularity,period,period_start,period_end,"
                + "value,rule,sites,observations"), rows);
    }

    private static final String TIMELINESS = "timed,median_delay_s,p95_delay_s,max_delay_s,late,before_reference";

    private static Stream<Object> timeliness(Timeliness t) {
        return Stream.of(t.count(), t.medianDelaySeconds(), t.p95DelaySeconds(), t.maxDelaySeconds(), t.late(),
                t.beforeReference());
    }

    private static List<String> concat(Stream<Object> a, Stream<Object> b) {
        return row(Stream.concat(a, b).toArray());
    }

    /**
     * @param rows quality per site and KPI
     * @return one row per site and KPI; {@code invalid} holds {@code ISSUE=count} pairs joined by {@code ;}
     */
    public static CsvTable siteKpiQuality(List<SiteKpiQuality> rows) {
        List<List<String>> out = new ArrayList<>();
        for (SiteKpiQuality q : rows) {
            String invalid = q.invalid().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
            out.add(concat(Stream.of(q.siteId(), q.city(), q.kpiCode(), q.inPolicy(), q.observations(),
                    q.expectedReports(), q.receivedReports(), q.completeness(), q.missingReports(), invalid,
                    q.duplicates(), q.conflicts()), timeliness(q.timeliness())));
        }
        return new CsvTable(header("site,city,kpi_code,in_policy,observations,expected_reports,received_reports,"
                + "completeness,missing_reports,invalid,duplicates,conflicts," + TIMELINESS), out);
    }

    /**
     * @param rows quality per site
     * @return one row per site
     */
    public static CsvTable siteQuality(List<SiteQuality> rows) {
        List<List<String>> out = new ArrayList<>();
        for (SiteQuality q : rows) {
            out.add(concat(Stream.of(q.siteId(), q.city(), q.observations(), q.invalid(), q.expectedReports(),
                    q.receivedReports(), q.completeness(), q.expectedPeriods(), q.periodsWithData(), q.availability(),
                    q.lastSeen(), q.lastObservation(), q.sequence().missing(), q.duplicates(), q.conflicts(),
                    q.integrity().totalRejections(), q.integrity().totalVerificationFailures()),
                    timeliness(q.timeliness())));
        }
        return new CsvTable(header("site,city,observations,invalid,expected_reports,received_reports,completeness,"
                + "expected_periods,periods_with_data,availability,last_seen,last_observation,sequence_missing,"
                + "duplicates,conflicts,rejections,verification_failures," + TIMELINESS), out);
    }

    /**
     * @param rows quality per site, KPI and period
     * @return one row per site, KPI and period
     */
    public static CsvTable periodQuality(List<PeriodQuality> rows) {
        List<List<String>> out = new ArrayList<>();
        for (PeriodQuality q : rows) {
            out.add(row(q.siteId(), q.city(), q.kpiCode(), q.period().label(), q.expectedReports(), q.receivedReports(),
                    q.completeness(), q.observations()));
        }
        return new CsvTable(header("site,city,kpi_code,period,expected_reports,received_reports,completeness,"
                + "observations"), out);
    }

    /**
     * @param rows quality per city
     * @return one row per city
     */
    public static CsvTable cityQuality(List<CityQuality> rows) {
        List<List<String>> out = new ArrayList<>();
        for (CityQuality q : rows) {
            out.add(concat(Stream.of(q.city(), q.sites(), q.observations(), q.invalid(), q.expectedReports(),
                    q.receivedReports(), q.completeness(), q.expectedPeriods(), q.periodsWithData(), q.availability(),
                    q.duplicates(), q.conflicts()), timeliness(q.timeliness())));
        }
        return new CsvTable(header("city,sites,observations,invalid,expected_reports,received_reports,completeness,"
                + "expected_periods,periods_with_data,availability,duplicates,conflicts," + TIMELINESS), out);
    }

    /**
     * @param trends trends
     * @return one row per city and KPI series
     */
    public static CsvTable trends(List<Trend> trends) {
        List<List<String>> out = new ArrayList<>();
        for (Trend t : trends) {
            out.add(row(t.city(), t.kpiCode(), t.series(), t.unit(), t.points(), t.from(), t.to(), t.slopePerYear(),
                    t.relativeSlopePerYear(), t.fittedAtEnd(), t.polarity(), t.direction()));
        }
        return new CsvTable(header("city,kpi_code,series,unit,points,from,to,slope_per_year,relative_slope_per_year,"
                + "fitted_at_end,polarity,direction"), out);
    }

    /**
     * @param comparisons target comparisons
     * @return one row per comparison
     */
    public static CsvTable targets(List<TargetComparison> comparisons) {
        List<List<String>> out = new ArrayList<>();
        for (TargetComparison c : comparisons) {
            out.add(row(c.city(), c.kpiCode(), c.series(), c.unit(), c.target(), c.targetYear(), c.polarity(),
                    c.current(), c.currentPeriods(), c.gap(), c.met(), c.projected(), c.onTrack(), c.score()));
        }
        return new CsvTable(header("city,kpi_code,series,unit,target,target_year,polarity,current,current_periods,gap,"
                + "met,projected,on_track,score"), out);
    }

    /**
     * @param flags anomaly flags
     * @return one row per flag
     */
    public static CsvTable anomalies(List<AnomalyFlag> flags) {
        List<List<String>> out = new ArrayList<>();
        for (AnomalyFlag f : flags) {
            out.add(row(f.siteId(), f.city(), f.kpiCode(), f.series(), f.observationTime(), f.value(), f.expected(),
                    f.mad(), f.modifiedZ(), f.blockHeight(), f.tracingCode(), f.advisory()));
        }
        return new CsvTable(header("site,city,kpi_code,series,observation_time,value,expected,mad,modified_z,"
                + "block_height,tracing_code,advisory"), out);
    }
}
