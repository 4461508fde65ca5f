package org.bkdms.analysis.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bkdms.analysis.assessment.CityKpiValue;
import org.bkdms.analysis.assessment.Trend;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiDefinition;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.record.CountryRegion;

/**
 * FIWARE NGSI-LD entities of type {@code KeyPerformanceIndicator} (Smart Data Models,
 * {@code dataModel.KeyPerformanceIndicator}) in normalized form, one per city value, so that a
 * context broker or a FIWARE dashboard can take BKDMS results as they are.
 *
 * <p>Mapping: {@code kpiValue} the city value (a boolean for yes/no KPIs); {@code calculationPeriod}
 * the period's first and last day; {@code calculationFrequency} from the period length;
 * {@code name} the catalogue's KPI name and the series; {@code alternateName} the U4SSC code;
 * {@code process} the KPI's place in the U4SSC structure; {@code organization} and
 * {@code address.addressLocality} the city's name; {@code areaServed} the city code;
 * {@code currentStanding} from the trend direction when one is given. Entity ids are
 * {@code urn:ngsi-ld:KeyPerformanceIndicator:<city code>:<KPI code with '-' for ': '>:<series>:<period>}.
 */
public final class NgsiLdExport {
    /** The NGSI-LD core context. */
    public static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";
    /** The Smart Data Models context of the KeyPerformanceIndicator data model. */
    public static final String KPI_CONTEXT =
            "https://raw.githubusercontent.com/smart-data-models/dataModel.KeyPerformanceIndicator/master/context.jsonld";
    /** Prefix of every entity id. */
    public static final String ID_PREFIX = "urn:ngsi-ld:KeyPerformanceIndicator:";
    /** Characters the data model allows in an entity id. */
    public static final Pattern ID_PATTERN = Pattern.compile("^[\\w\\-.{}$+*\\[\\]`|~^@!,:\\\\]+$");

    private final KpiCatalogue catalogue;
    private final Map<String, String> cityNames;
    private final String dataProvider;

    /**
     * @param catalogue the catalogue, for names and the U4SSC structure
     * @param cityNames readable city names by city ({@code UNLOCODE:NOTRD -> Trondheim}); cities
     *     not in it are named by their code
     * @param dataProvider the {@code dataProvider} to state, such as the platform's URL
     */
    public NgsiLdExport(KpiCatalogue catalogue, Map<String, String> cityNames, String dataProvider) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.cityNames = Map.copyOf(cityNames);
        this.dataProvider = Objects.requireNonNull(dataProvider, "dataProvider");
    }

    /**
     * @param values city values
     * @param trends trends of those values (for {@code currentStanding}); may be empty
     * @param modifiedAt the time to state as {@code dateModified} (the caller's clock, so output is reproducible)
     * @return one entity per value, as JSON-ready maps with the {@code @context} in each
     */
    public List<Map<String, Object>> entities(List<CityKpiValue> values, List<Trend> trends, Instant modifiedAt) {
        Map<String, Trend> trendByKey = new LinkedHashMap<>();
        trends.forEach(t -> trendByKey.put(t.city() + "|" + t.kpiCode() + "|" + t.series(), t));
        List<Map<String, Object>> out = new ArrayList<>(values.size());
        for (CityKpiValue v : values) {
            out.add(entity(v, trendByKey.get(v.city() + "|" + v.kpiCode() + "|" + v.series()), modifiedAt));
        }
        return out;
    }

    /**
     * @param entities entities from {@link #entities}
     * @return them as a JSON array, attributes in the order they were put (id and type first)
     */
    public static String toJson(List<Map<String, Object>> entities) {
        try {
            return JsonExport.mapper().disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(entities)
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param v a city value
     * @return its entity id
     */
    public static String entityId(CityKpiValue v) {
        String city = v.city().contains(":") ? v.city().substring(v.city().indexOf(':') + 1) : v.city();
        return ID_PREFIX + city + ":" + v.kpiCode().replace(": ", "-") + ":" + v.series() + ":" + v.period().label();
    }

    private Map<String, Object> entity(CityKpiValue v, Trend trend, Instant modifiedAt) {
        Optional<KpiDefinition> def = catalogue.find(KpiCode.parse(v.kpiCode()));
        boolean yesNo = def.map(d -> d.unit() == KpiUnit.YES_NO).orElse(false);
        String kpiName = def.map(KpiDefinition::name).orElse(v.kpiCode());
        String cityName = cityNames.getOrDefault(v.city(), v.city());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", entityId(v));
        e.put("type", "KeyPerformanceIndicator");
        e.put("name", property(kpiName + (v.series().equals("value") ? "" : " (" + v.series() + ")")));
        e.put("alternateName", property(v.kpiCode()));
        e.put("description", property("U4SSC KPI " + v.kpiCode() + " " + kpiName + ", series " + v.series() + ", in "
                + v.unit() + ", " + v.rule().name().toLowerCase() + " over " + v.sites() + " site(s) of records"
                + " verified on the BKDMS blockchain"));
        e.put("category", property(List.of(yesNo ? "qualitative" : "quantitative")));
        Object value = yesNo ? (Object) (v.value().compareTo(BigDecimal.ZERO) != 0) : v.value();
        e.put("kpiValue", property(value));
        Map<String, String> period = new LinkedHashMap<>();
        period.put("from", date(v.period().start()));
        period.put("to", date(v.period().end().minusSeconds(1)));
        e.put("calculationPeriod", property(period));
        e.put("calculationFrequency", property(switch (v.period().granularity()) {
            case DAY -> "daily";
            case MONTH -> "monthly";
            case QUARTER -> "quarterly";
            case YEAR -> "yearly";
        }));
        e.put("calculationMethod", property("automatic"));
        e.put("calculationFormula", property(formula(v)));
        e.put("organization", property(cityName));
        e.put("process", property(def.map(d -> "U4SSC " + d.dimension() + " / " + d.subDimension() + " / "
                + d.category()).orElse("U4SSC")));
        Map<String, String> address = new LinkedHashMap<>();
        address.put("addressCountry", countryAlpha2(v.country()));
        address.put("addressLocality", cityName);
        address.put("type", "PostalAddress");
        e.put("address", property(address));
        e.put("areaServed", property(v.city()));
        if (trend != null) {
            standing(trend).ifPresent(s -> e.put("currentStanding", property(s)));
        }
        e.put("dataProvider", property(dataProvider));
        Map<String, String> modified = new LinkedHashMap<>();
        modified.put("@type", "DateTime");
        modified.put("@value", DateTimeFormatter.ISO_INSTANT.format(modifiedAt));
        e.put("dateModified", property(modified));
        e.put("@context", List.of(CORE_CONTEXT, KPI_CONTEXT));
        return e;
    }

    private static String formula(CityKpiValue v) {
        return switch (v.rule()) {
            case MEAN -> "mean across sites of each site's mean in the period";
            case MEDIAN -> "median across sites of each site's mean in the period";
            case SUM -> "sum across sites of each site's latest value in the period";
            case LATEST -> "latest value of any site in the period";
        };
    }

    private static Optional<String> standing(Trend t) {
        return switch (t.direction()) {
            case IMPROVING -> Optional.of("good");
            case STABLE -> Optional.of("fair");
            case WORSENING -> Optional.of("bad");
            default -> Optional.empty();
        };
    }

    private static String countryAlpha2(String numeric) {
        try {
            return CountryRegion.parse(numeric).alpha2();
        } catch (RuntimeException unknown) {
            return numeric;
        }
    }

    private static String date(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }

    private static Map<String, Object> property(Object value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "Property");
        p.put("value", value);
        return p;
    }
}
