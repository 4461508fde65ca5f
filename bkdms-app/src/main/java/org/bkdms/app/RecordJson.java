package org.bkdms.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.ExtensionType;
import org.bkdms.core.record.QualityFlag;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;

/**
 * The JSON form of a unified KPI record, used by the command line. Decimal values are written as
 * JSON strings so that their exact digits (and scale) survive any JSON tool; on input both strings
 * and numbers are accepted. The format is described in {@code docs/CLI.md}.
 */
public final class RecordJson {
    // Exact decimals: a reported 97.00 must stay 97.00, so neither parsing nor the tree model may
    // go through double or strip trailing zeros.
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** @return the mapper used for all JSON of the command line */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * @param record a record
     * @return its JSON tree
     */
    public ObjectNode toJson(UnifiedKpiRecord record) {
        ObjectNode o = mapper.createObjectNode();
        o.put("countryRegion", record.countryRegion().toString());
        ObjectNode city = o.putObject("city");
        city.put("scheme", record.city().scheme().label());
        city.put("code", record.city().code());
        o.put("siteId", record.siteId().toString());
        o.put("time", record.time().toString());
        ObjectNode kpi = o.putObject("kpi");
        kpi.put("code", record.kpiData().code().canonical());
        kpi.put("unit", record.kpiData().unit());
        ObjectNode values = kpi.putObject("values");
        record.kpiData().values().forEach((k, v) -> {
            if (v instanceof KpiValue.Flag f) {
                values.put(k, f.value());
            } else {
                values.put(k, v.toString());
            }
        });
        o.put("length", record.length());
        ObjectNode ext = o.putObject("extending");
        Extending e = record.extending();
        e.sequenceNumber().ifPresent(n -> ext.put("sequenceNumber", n));
        e.salt().ifPresent(s -> ext.put("salt", HexFormat.of().formatHex(s)));
        e.sourceReference().ifPresent(s -> ext.put("sourceReference", s));
        if (!e.qualityFlags().isEmpty()) {
            ArrayNode flags = ext.putArray("qualityFlags");
            e.qualityFlags().forEach(f -> flags.add(f.name()));
        }
        if (!e.unknownIds().isEmpty()) {
            ObjectNode unknown = ext.putObject("unknown");
            Map<Integer, byte[]> raw = e.raw();
            for (int id : e.unknownIds()) {
                unknown.put(Integer.toString(id), HexFormat.of().formatHex(raw.get(id)));
            }
        }
        return o;
    }

    /**
     * @param record a record
     * @return pretty-printed JSON text
     */
    public String toText(UnifiedKpiRecord record) {
        try {
            return mapper.writeValueAsString(toJson(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param text JSON text of a record
     * @return the record
     * @throws InputException if the JSON is malformed or misses a part
     * @throws org.bkdms.core.error.ValidationException if a part breaks the data model
     */
    public UnifiedKpiRecord parse(String text) {
        JsonNode n;
        try {
            n = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromJson(n);
    }

    /**
     * @param n JSON tree of a record
     * @return the record
     */
    public UnifiedKpiRecord fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new InputException("a record must be a JSON object", null);
        }
        CountryRegion country = CountryRegion.parse(text(n, "countryRegion"));
        JsonNode c = required(n, "city");
        City city = new City(CityCodingScheme.ofLabel(text(c, "scheme")), text(c, "code"));
        SiteId site = SiteId.parse(text(n, "siteId"));
        Instant time;
        try {
            time = Instant.parse(text(n, "time"));
        } catch (DateTimeParseException e) {
            throw new InputException("time must be an ISO-8601 UTC instant such as 2025-06-30T12:00:00Z, got '"
                    + text(n, "time") + "'", e);
        }
        JsonNode k = required(n, "kpi");
        TreeMap<String, KpiValue> values = new TreeMap<>();
        JsonNode vs = required(k, "values");
        if (!vs.isObject()) {
            throw new InputException("kpi.values must be an object of series to value", null);
        }
        for (Map.Entry<String, JsonNode> e : vs.properties()) {
            values.put(e.getKey(), value(e.getKey(), e.getValue()));
        }
        KpiData data = new KpiData(KpiCode.parse(text(k, "code")), values, text(k, "unit"));
        Extending ext = Extending.empty();
        JsonNode x = n.get("extending");
        if (x != null && !x.isNull()) {
            ext = extending(x);
        }
        UnifiedKpiRecord record = new UnifiedKpiRecord(country, city, site, time, data, ext);
        JsonNode length = n.get("length");
        if (length != null && !length.isNull() && length.asLong(-1) != record.length()) {
            throw new InputException("length " + length + " disagrees with the extending part (" + record.length()
                    + " octets); leave it out to have it computed", null);
        }
        return record;
    }

    private Extending extending(JsonNode x) {
        Extending ext = Extending.empty();
        JsonNode seq = x.get("sequenceNumber");
        if (seq != null) {
            if (!seq.canConvertToLong() || seq.asLong() < 0) {
                throw new InputException("extending.sequenceNumber must be a non-negative integer", null);
            }
            ext = ext.withSequenceNumber(seq.asLong());
        }
        if (x.hasNonNull("salt")) {
            ext = ext.withSalt(hex(x.get("salt").asText(), "extending.salt"));
        }
        if (x.hasNonNull("sourceReference")) {
            ext = ext.withSourceReference(x.get("sourceReference").asText());
        }
        if (x.hasNonNull("qualityFlags")) {
            Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
            for (JsonNode f : x.get("qualityFlags")) {
                try {
                    flags.add(QualityFlag.valueOf(f.asText()));
                } catch (IllegalArgumentException e) {
                    throw new InputException("unknown quality flag '" + f.asText() + "'; known: "
                            + java.util.Arrays.toString(QualityFlag.values()), e);
                }
            }
            ext = ext.withQualityFlags(flags);
        }
        if (x.hasNonNull("unknown")) {
            for (Map.Entry<String, JsonNode> e : x.get("unknown").properties()) {
                int id;
                try {
                    id = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new InputException("extension id '" + e.getKey() + "' is not a number", ex);
                }
                if (ExtensionType.ofId(id) != null) {
                    throw new InputException("extension " + id + " is registered; use its named field", null);
                }
                ext = ext.with(id, hex(e.getValue().asText(), "extending.unknown." + id));
            }
        }
        return ext;
    }

    private static KpiValue value(String series, JsonNode v) {
        if (v.isBoolean()) {
            return KpiValue.of(v.booleanValue());
        }
        if (v.isNumber()) {
            return KpiValue.of(v.decimalValue());
        }
        if (v.isTextual()) {
            String t = v.asText().trim();
            if (t.equalsIgnoreCase("yes") || t.equalsIgnoreCase("true")) {
                return KpiValue.of(true);
            }
            if (t.equalsIgnoreCase("no") || t.equalsIgnoreCase("false")) {
                return KpiValue.of(false);
            }
            try {
                return KpiValue.of(new BigDecimal(t));
            } catch (NumberFormatException e) {
                throw new InputException("series '" + series + "': '" + t + "' is not a decimal or yes/no", e);
            }
        }
        throw new InputException("series '" + series + "': value must be a number, decimal string or boolean", null);
    }

    private static byte[] hex(String s, String field) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new InputException(field + " must be hexadecimal", e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new InputException("missing field '" + field + "'", null);
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isValueNode()) {
            throw new InputException("field '" + field + "' must be a string", null);
        }
        return v.asText();
    }
}
