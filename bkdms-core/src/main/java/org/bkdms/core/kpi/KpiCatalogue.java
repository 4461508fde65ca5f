package org.bkdms.core.kpi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.bkdms.core.error.UnknownKpiCodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The catalogue of KPIs a BKDMS deployment accepts: by default the 91 U4SSC KPIs derived from
 * ITU-T Y.4903, loaded from the resource {@value #U4SSC_RESOURCE}.
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class KpiCatalogue {
    /** Classpath resource holding the U4SSC catalogue. */
    public static final String U4SSC_RESOURCE = "/org/bkdms/core/kpi/u4ssc-kpis.csv";

    private static final String[] HEADER = {"code", "dimension", "sub_dimension", "category", "name", "unit",
        "type", "kind", "series", "min", "max"};

    private final Map<KpiCode, KpiDefinition> byCode;

    private KpiCatalogue(Map<KpiCode, KpiDefinition> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** @return the 91 U4SSC KPIs */
    public static KpiCatalogue u4ssc() {
        try (InputStream in = KpiCatalogue.class.getResourceAsStream(U4SSC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + U4SSC_RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a catalogue in the format of {@value #U4SSC_RESOURCE}: CSV with a header row, lines
     * starting with {@code #} ignored.
     *
     * @param in the CSV bytes, UTF-8
     * @return the catalogue
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if a row is malformed (the message names the line)
     */
    public static KpiCatalogue read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<KpiCode, KpiDefinition> map = new TreeMap<>();
        String line;
        int lineNo = 0;
        boolean header = true;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                List<String> f = splitCsv(line);
                if (header) {
                    if (!f.equals(List.of(HEADER))) {
                        throw new IllegalArgumentException("unexpected header " + f);
                    }
                    header = false;
                    continue;
                }
                KpiDefinition def = parseRow(f);
                if (map.put(def.code(), def) != null) {
                    throw new IllegalArgumentException("duplicate code " + def.code());
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return new KpiCatalogue(map);
    }

    private static KpiDefinition parseRow(List<String> f) {
        if (f.size() != HEADER.length) {
            throw new IllegalArgumentException("expected " + HEADER.length + " fields, found " + f.size());
        }
        KpiUnit unit = KpiUnit.ofCode(f.get(5));
        ValueKind kind = ValueKind.valueOf(f.get(7));
        BigDecimal min = decimalOrNull(f.get(9));
        BigDecimal max = decimalOrNull(f.get(10));
        List<SeriesDefinition> series = new ArrayList<>();
        for (String entry : f.get(8).split("\\|", -1)) {
            String[] p = entry.split(":", -1);
            if (p.length == 1) {
                series.add(new SeriesDefinition(p[0], kind, unit, min, max));
            } else if (p.length == 4) {
                series.add(new SeriesDefinition(p[0], kind, KpiUnit.ofCode(p[1]), decimalOrNull(p[2]),
                        decimalOrNull(p[3])));
            } else {
                throw new IllegalArgumentException("bad series entry '" + entry + "'");
            }
        }
        boolean core = switch (f.get(6)) {
            case "CORE" -> true;
            case "ADVANCED" -> false;
            default -> throw new IllegalArgumentException("type must be CORE or ADVANCED: " + f.get(6));
        };
        KpiCode code = KpiCode.parse(f.get(0));
        if (!code.canonical().equals(f.get(0))) {
            throw new IllegalArgumentException("code not canonical: " + f.get(0));
        }
        return new KpiDefinition(code, f.get(1), f.get(2), f.get(3), f.get(4), unit, core, series);
    }

    private static BigDecimal decimalOrNull(String s) {
        return s.isEmpty() ? null : new BigDecimal(s);
    }

    /** Splits one RFC 4180 line: fields may be quoted, with {@code ""} for a quote inside. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }

    /** @return every KPI, ordered by code */
    public Collection<KpiDefinition> all() {
        return byCode.values();
    }

    /** @return the number of KPIs */
    public int size() {
        return byCode.size();
    }

    /**
     * @param code a canonical code
     * @return the KPI, if the catalogue has it
     */
    public Optional<KpiDefinition> find(KpiCode code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * @param code a canonical code
     * @return the KPI
     * @throws UnknownKpiCodeException if the catalogue has no such KPI
     */
    public KpiDefinition get(KpiCode code) {
        KpiDefinition def = byCode.get(Objects.requireNonNull(code, "code"));
        if (def == null) {
            throw new UnknownKpiCodeException(code.canonical());
        }
        return def;
    }

    /**
     * @param text a code in any spacing or case
     * @return the KPI
     * @throws UnknownKpiCodeException if the text is no KPI code or names no KPI in the catalogue
     */
    public KpiDefinition lookup(String text) {
        return get(KpiCode.parse(text));
    }

    /**
     * Checks KPI data against this catalogue: known code, the catalogue's unit, known series given
     * once each, values of the right kind and within range.
     *
     * @param data the KPI data
     * @return the KPI's definition
     * @throws ValidationException naming the first rule broken
     */
    public KpiDefinition validate(KpiData data) {
        KpiDefinition def = get(data.code());
        if (!def.unit().code().equals(data.unit())) {
            throw new ValidationException(Violation.UNIT_MISMATCH, data.code() + ": unit '" + data.unit()
                    + "' but the catalogue requires '" + def.unit().code() + "'");
        }
        for (Map.Entry<String, KpiValue> e : data.values().entrySet()) {
            SeriesDefinition s = def.series(e.getKey()).orElseThrow(() -> new ValidationException(
                    Violation.SERIES_MISMATCH, data.code() + ": unknown data series '" + e.getKey() + "', expected one of "
                            + def.series().stream().map(SeriesDefinition::key).toList()));
            KpiValue v = e.getValue();
            if (v.kind() != s.kind()) {
                throw new ValidationException(Violation.VALUE_KIND_MISMATCH, data.code() + " series '" + s.key()
                        + "': expected a " + s.kind().name().toLowerCase() + " value, got " + v);
            }
            if (v instanceof KpiValue.Decimal d && !s.inRange(d.value())) {
                throw new ValidationException(Violation.VALUE_OUT_OF_RANGE, data.code() + " series '" + s.key()
                        + "': " + d + " outside valid range " + s.rangeText());
            }
        }
        return def;
    }
}
