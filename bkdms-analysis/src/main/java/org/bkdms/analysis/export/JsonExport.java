package org.bkdms.analysis.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON of any analysis or assessment record. Instants are ISO 8601 text, map keys sorted, decimals
 * in plain notation, {@code double} figures rounded to six decimal places, indented with LF line
 * ends. The mapper is the one the platform's REST API should use for these records.
 */
public final class JsonExport {
    private JsonExport() {
    }

    /** Writes doubles through {@link Decimals} so that the text does not depend on the JDK. */
    private static final class RoundedDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        RoundedDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(Decimals.of(value));
            }
        }
    }

    /** @return a new mapper configured as described above */
    public static ObjectMapper mapper() {
        SimpleModule rounding = new SimpleModule("bkdms-rounding");
        rounding.addSerializer(Double.class, new RoundedDouble());
        rounding.addSerializer(double.class, new RoundedDouble());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(rounding)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /**
     * @param value a record of this module (or a list of them)
     * @return its JSON, ending with a line feed
     */
    public static String toJson(Object value) {
        try {
            return mapper().writer().withDefaultPrettyPrinter().writeValueAsString(value).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
