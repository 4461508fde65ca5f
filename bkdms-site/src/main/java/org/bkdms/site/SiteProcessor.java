package org.bkdms.site;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.site.block.SubmissionSealer;
import org.bkdms.site.collection.Batch;
import org.bkdms.site.collection.SourceRow;
import org.bkdms.site.computing.Consolidator;
import org.bkdms.site.computing.KpiMapping;
import org.bkdms.site.computing.Periods;
import org.bkdms.site.computing.RowComputer;
import org.bkdms.site.storage.PeriodAggregate;
import org.bkdms.site.storage.SiteStore;

/**
 * Takes collected batches through computing, storage and sealing in one unit of work each: rows
 * become KPI data (or quarantine entries), KPI data becomes sealed records in the outbox (or
 * running aggregates of open periods), and the collector's checkpoint advances, all or nothing.
 * Closing a due period seals its consolidated record the same way.
 *
 * <p>Not thread-safe: one thread processes batches (sequence numbers are handed out in order).
 */
public final class SiteProcessor {
    private static final Logger LOG = Logger.getLogger(SiteProcessor.class.getName());
    private static final String CLOSED = "~closed-periods";

    private final SiteIdentity identity;
    private final KpiMapping mapping;
    private final RowComputer computer;
    private final KpiCatalogue catalogue;
    private final SubmissionSealer sealer;
    private final SiteStore store;
    private final Supplier<Optional<CollectionPolicy>> policy;
    private final Clock clock;
    private final Duration closeAfter;

    /**
     * The collection policy on chain for this site, as far as the site uses it.
     *
     * @param kpis the KPIs the site is to report
     * @param period how often, the default consolidation period
     */
    public record CollectionPolicy(Set<KpiCode> kpis, Duration period) {
    }

    /**
     * What one batch or period closing did.
     *
     * @param sealed records sealed into the outbox
     * @param accumulated values added to open periods
     * @param quarantined rows or aggregates put in quarantine
     */
    public record Outcome(int sealed, int accumulated, int quarantined) {
    }

    /**
     * @param identity the site's identity
     * @param mapping the mapping rules
     * @param computer computes KPI data from rows
     * @param catalogue the KPI catalogue, for checking consolidated values
     * @param sealer seals records
     * @param store the site store
     * @param policy the collection policy on chain, if the platform publishes one to the site
     * @param clock the current time
     * @param closeAfter how long after a period's end it is closed, waiting for late rows
     */
    public SiteProcessor(SiteIdentity identity, KpiMapping mapping, RowComputer computer, KpiCatalogue catalogue,
            SubmissionSealer sealer, SiteStore store, Supplier<Optional<CollectionPolicy>> policy, Clock clock,
            Duration closeAfter) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.computer = Objects.requireNonNull(computer, "computer");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.closeAfter = Objects.requireNonNull(closeAfter, "closeAfter");
    }

    /**
     * Processes a batch and commits it with its checkpoint, then runs its after-commit step.
     *
     * @param batch what a collector read
     * @return what became of it
     * @throws org.bkdms.site.storage.StoreException if the store fails; nothing was committed
     * @throws org.bkdms.site.block.NoPlatformKeyException if records cannot be sealed; nothing was committed
     */
    public Outcome process(Batch batch) {
        Optional<CollectionPolicy> p = policy.get();
        Optional<Set<KpiCode>> kpis = p.map(CollectionPolicy::kpis);
        Outcome o = store.inTransaction(u -> {
            int sealed = 0;
            int accumulated = 0;
            int quarantined = 0;
            Instant now = clock.instant();
            for (Batch.Unreadable bad : batch.unreadable()) {
                u.quarantine(batch.source(), bad.reference(), bad.text(), bad.reasonCode(), bad.reason(), now);
                quarantined++;
            }
            for (SourceRow row : batch.rows()) {
                RowComputer.Result r = computer.compute(row, kpis);
                for (RowComputer.Rejection rej : r.rejections()) {
                    u.quarantine(row.source(), row.reference() + (rej.rule() == null ? "" : " [" + rej.rule() + "]"),
                            row.text(), rej.reasonCode(), rej.reason(), now);
                    quarantined++;
                }
                for (RowComputer.Observation obs : r.observations()) {
                    if (obs.rule().consolidate() == null) {
                        seal(u, obs.kpiData(), obs.time(), row.reference(), now);
                        sealed++;
                        continue;
                    }
                    Periods.Span span = span(obs, p);
                    String closedKey = obs.kpi().code().canonical() + "@" + span.start();
                    if (u.checkpoint(CLOSED, closedKey).isPresent()) {
                        u.quarantine(row.source(), row.reference(), row.text(), "LATE_FOR_PERIOD", "the period "
                                + span.start() + " of " + obs.kpi().code() + " was already closed and sealed", now);
                        quarantined++;
                        continue;
                    }
                    for (Map.Entry<String, KpiValue> v : obs.values().entrySet()) {
                        if (v.getValue() instanceof KpiValue.Decimal d) {
                            u.accumulate(obs.kpi().code().canonical(), v.getKey(), span.start(), span.end(), d.value(),
                                    obs.time(), row.reference(), obs.rule().name());
                            accumulated++;
                        } else {
                            u.quarantine(row.source(), row.reference(), row.text(), "NOT_CONSOLIDATABLE",
                                    "yes/no values cannot be consolidated; map them without 'consolidate'", now);
                            quarantined++;
                        }
                    }
                }
            }
            for (Map.Entry<String, String> c : batch.checkpoints().entrySet()) {
                u.setCheckpoint(batch.source(), c.getKey(), c.getValue());
            }
            return new Outcome(sealed, accumulated, quarantined);
        });
        batch.afterCommit().run();
        return o;
    }

    private Periods.Span span(RowComputer.Observation obs, Optional<CollectionPolicy> p) {
        String period = obs.rule().consolidate().period();
        if (period != null) {
            return Periods.of(period, obs.time(), mapping.zone());
        }
        if (p.isPresent()) {
            return Periods.of(p.get().period(), obs.time());
        }
        return Periods.of("day", obs.time(), mapping.zone());
    }

    /**
     * Seals the consolidated record of every period that ended at least {@code closeAfter} ago.
     *
     * @return what was sealed or quarantined
     */
    public Outcome closeDuePeriods() {
        return store.inTransaction(u -> {
            Instant now = clock.instant();
            List<PeriodAggregate> due = u.duePeriods(now.minus(closeAfter));
            Map<String, List<PeriodAggregate>> byPeriod = new LinkedHashMap<>();
            for (PeriodAggregate a : due) {
                byPeriod.computeIfAbsent(a.kpiCode() + "@" + a.periodStart(), k -> new java.util.ArrayList<>()).add(a);
            }
            int sealed = 0;
            int quarantined = 0;
            for (Map.Entry<String, List<PeriodAggregate>> e : byPeriod.entrySet()) {
                PeriodAggregate first = e.getValue().get(0);
                KpiDefinition def = catalogue.lookup(first.kpiCode());
                TreeMap<String, KpiValue> values = new TreeMap<>();
                String problem = null;
                for (PeriodAggregate a : e.getValue()) {
                    KpiMapping.Rule rule = rule(a.ruleName());
                    if (rule == null || rule.consolidate() == null) {
                        problem = "the mapping no longer has a consolidating rule '" + a.ruleName() + "'";
                        break;
                    }
                    Consolidator.Function f = Consolidator.Function.parse(rule.consolidate().function());
                    BigDecimal v = Consolidator.apply(f, a, rule.consolidate().population());
                    values.put(a.series(), KpiValue.of(v));
                }
                String ref = "period " + first.periodStart() + "/" + first.periodEnd() + " from " + first.sourceReference();
                if (problem == null) {
                    KpiData data = new KpiData(def.code(), values, def.unit().code());
                    try {
                        catalogue.validate(data);
                        seal(u, data, first.periodStart(), ref, now);
                        sealed++;
                    } catch (ValidationException ve) {
                        u.quarantine("consolidation", ref, data.toString(), ve.violation().name(), ve.getMessage(), now);
                        quarantined++;
                    }
                } else {
                    u.quarantine("consolidation", ref, first.toString(), "NO_MAPPING", problem, now);
                    quarantined++;
                }
                u.closePeriod(first.kpiCode(), first.periodStart());
                u.setCheckpoint(CLOSED, first.kpiCode() + "@" + first.periodStart(), now.toString());
            }
            if (sealed > 0) {
                LOG.info("closed " + sealed + " consolidation periods");
            }
            return new Outcome(sealed, 0, quarantined);
        });
    }

    private KpiMapping.Rule rule(String name) {
        for (KpiMapping.Rule r : mapping.rules()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private void seal(SiteStore.Unit u, KpiData data, Instant time, String reference, Instant now) throws SQLException {
        long seq = u.nextSequence();
        String ref = reference.length() > Extending.MAX_SOURCE_REFERENCE
                ? reference.substring(0, Extending.MAX_SOURCE_REFERENCE) : reference;
        UnifiedKpiRecord record = new UnifiedKpiRecord(identity.countryRegion(), identity.city(), identity.siteId(), time,
                data, Extending.empty().withSourceReference(ref));
        SubmissionSealer.Sealed s = sealer.seal(record, seq);
        u.addToOutbox(seq, s.transaction().id(), s.transaction().encoded(), s.recordDer(), data.code().canonical(), time, ref,
                now);
    }
}
