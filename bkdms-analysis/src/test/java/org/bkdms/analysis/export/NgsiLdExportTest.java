package org.bkdms.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bkdms.analysis.AnalysisInput;
import org.bkdms.analysis.Granularity;
import org.bkdms.analysis.assessment.Assessment;
import org.bkdms.analysis.assessment.Assessor;
import org.bkdms.analysis.assessment.TargetSet;
import org.bkdms.analysis.sample.SampleCityData;
import org.bkdms.core.kpi.KpiCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every entity of the whole sample against the rules of the Smart Data Models
 * KeyPerformanceIndicator schema (dataModel.KeyPerformanceIndicator, version 0.2.x): the required
 * {@code id} and {@code type}, the id pattern and length, "either process or product", the enums of
 * {@code category}, {@code calculationFrequency}, {@code calculationMethod} and
 * {@code currentStanding}, date formats, and the NGSI-LD normalized form.
 */
class NgsiLdExportTest {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    static final Set<String> CATEGORIES = Set.of("actionable", "directional", "financial", "input", "lagging",
            "leading", "output", "practical", "process", "qualitative", "quantitative");
    static final Set<String> FREQUENCIES = Set.of("hourly", "daily", "weekly", "monthly", "yearly", "quarterly",
            "bimonthly", "biweekly");
    static final Set<String> STANDINGS = Set.of("veryGood", "good", "fair", "bad", "veryBad");
    static JsonNode entities;

    @BeforeAll
    static void export() throws Exception {
        SampleCityData data = SampleCityData.standard();
        Assessment a = Assessor.withDefaults(CATALOGUE).assess(AnalysisInput.of(data.observations(), data.policies(),
                SampleCityData.WINDOW), Granularity.MONTH, TargetSet.example(CATALOGUE));
        NgsiLdExport export = new NgsiLdExport(CATALOGUE,
                Map.of("UNLOCODE:NOTRD", "Trondheim", "UNLOCODE:ESVLC", "Valencia"), "https://platform.example/bkdms");
        String json = NgsiLdExport.toJson(export.entities(a.values(), a.trends(), Instant.parse("2026-01-02T00:00:00Z")));
        entities = new ObjectMapper().readTree(json);
        assertThat(entities.size()).isEqualTo(a.values().size());
    }

    static String value(JsonNode e, String attr) {
        return e.get(attr).get("value").asText();
    }

    @Test
    void everyEntityHasTheRequiredIdAndType() {
        Set<String> ids = new HashSet<>();
        for (JsonNode e : entities) {
            String id = e.get("id").asText();
            assertThat(id).startsWith(NgsiLdExport.ID_PREFIX).hasSizeLessThanOrEqualTo(256)
                    .matches(NgsiLdExport.ID_PATTERN);
            assertThat(ids.add(id)).as("unique id %s", id).isTrue();
            assertThat(e.get("type").asText()).isEqualTo("KeyPerformanceIndicator");
        }
    }

    @Test
    void attributesAreNormalizedPropertiesWithSchemaValues() {
        for (JsonNode e : entities) {
            e.fieldNames().forEachRemaining(f -> {
                if (!f.equals("id") && !f.equals("type") && !f.equals("@context")) {
                    assertThat(e.get(f).get("type").asText()).as(f).isEqualTo("Property");
                    assertThat(e.get(f).has("value")).as(f).isTrue();
                }
            });
            assertThat(e.has("process") || e.has("product")).isTrue();
            JsonNode category = e.get("category").get("value");
            assertThat(category.isArray() && category.size() >= 1).isTrue();
            category.forEach(c -> assertThat(CATEGORIES).contains(c.asText()));
            assertThat(FREQUENCIES).contains(value(e, "calculationFrequency"));
            assertThat(value(e, "calculationMethod")).isIn("manual", "automatic", "semiautomatic");
            if (e.has("currentStanding")) {
                assertThat(STANDINGS).contains(value(e, "currentStanding"));
            }
            JsonNode period = e.get("calculationPeriod").get("value");
            LocalDate from = LocalDate.parse(period.get("from").asText());
            LocalDate to = LocalDate.parse(period.get("to").asText());
            assertThat(from).isBeforeOrEqualTo(to);
            JsonNode kpiValue = e.get("kpiValue").get("value");
            assertThat(kpiValue.isNumber() || kpiValue.isBoolean()).isTrue();
            JsonNode modified = e.get("dateModified").get("value");
            assertThat(modified.get("@type").asText()).isEqualTo("DateTime");
            assertThat(Instant.parse(modified.get("@value").asText())).isNotNull();
            assertThat(e.get("address").get("value").get("addressCountry").asText()).isIn("NO", "ES");
            assertThat(e.get("@context").get(0).asText()).isEqualTo(NgsiLdExport.CORE_CONTEXT);
        }
    }

    @Test
    void yesNoKpisAreQualitativeWithBooleanValues() {
        List<JsonNode> plans = new java.util.ArrayList<>();
        entities.forEach(e -> {
            if (value(e, "alternateName").equals("SC: SH: SA: 3A")) {
                plans.add(e);
            }
        });
        assertThat(plans).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("kpiValue").get("value").isBoolean()).isTrue();
            assertThat(e.get("category").get("value").get(0).asText()).isEqualTo("qualitative");
        });
    }
}
