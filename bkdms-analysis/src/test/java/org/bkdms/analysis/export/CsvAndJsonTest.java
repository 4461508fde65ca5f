package org.bkdms.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvAndJsonTest {
    @Test
    void csvQuotesOnlyWhatNeedsQuoting() {
        CsvTable t = new CsvTable(List.of("a", "b"), List.of(List.of("Education, Health", "say \"hi\""),
                List.of("plain", "")));
        assertThat(t.toCsv()).isEqualTo("a,b\n\"Education, Health\",\"say \"\"hi\"\"\"\nplain,\n");
    }

    @Test
    void csvRowsMustMatchTheHeader() {
        assertThatThrownBy(() -> new CsvTable(List.of("a", "b"), List.of(List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Figures(double ratio, Double missing, BigDecimal big, double tiny) {
    }

    @Test
    void jsonRoundsDoublesAndWritesDecimalsPlainly() {
        String json = JsonExport.toJson(new Figures(0.1 + 0.2, null, new BigDecimal("1E+3"), 1e-9));
        assertThat(json).contains("\"ratio\" : 0.3").contains("\"missing\" : null").contains("\"big\" : 1000")
                .contains("\"tiny\" : 0").endsWith("}\n");
    }
}
