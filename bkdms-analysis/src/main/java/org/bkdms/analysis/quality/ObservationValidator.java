package org.bkdms.analysis.quality;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bkdms.analysis.Observation;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.SeriesDefinition;
import org.bkdms.core.kpi.ValueKind;

/**
 * Checks observations against the facts the KPI catalogue holds: known code, known series, the
 * catalogue's unit, the value kind and the valid range. Thread-safe.
 */
public final class ObservationValidator {
    private final KpiCatalogue catalogue;
    private final Map<String, Optional<KpiDefinition>> byText = new ConcurrentHashMap<>();

    /**
     * @param catalogue the catalogue to check against
     */
    public ObservationValidator(KpiCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /**
     * @param kpiCode a KPI code as an observation carries it
     * @return its definition, if it is a code of the catalogue
     */
    public Optional<KpiDefinition> definition(String kpiCode) {
        return byText.computeIfAbsent(kpiCode, c -> {
            try {
                return catalogue.find(KpiCode.parse(c));
            } catch (RuntimeException notACode) {
                return Optional.empty();
            }
        });
    }

    /**
     * @param o an observation
     * @return the first rule it breaks, or empty if it is valid
     */
    public Optional<ValidityIssue> check(Observation o) {
        Optional<KpiDefinition> def = definition(o.kpiCode());
        if (def.isEmpty()) {
            return Optional.of(ValidityIssue.UNKNOWN_KPI);
        }
        Optional<SeriesDefinition> series = def.get().series(o.series());
        if (series.isEmpty()) {
            return Optional.of(ValidityIssue.UNKNOWN_SERIES);
        }
        if (!def.get().unit().code().equals(o.unit())) {
            return Optional.of(ValidityIssue.UNIT_MISMATCH);
        }
        SeriesDefinition s = series.get();
        if (s.kind() == ValueKind.BOOLEAN) {
            boolean flag = o.value().compareTo(BigDecimal.ZERO) == 0 || o.value().compareTo(BigDecimal.ONE) == 0;
            return flag ? Optional.empty() : Optional.of(ValidityIssue.WRONG_KIND);
        }
        return s.inRange(o.value()) ? Optional.empty() : Optional.of(ValidityIssue.OUT_OF_RANGE);
    }
}
