package org.bkdms.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.site.collection.SourceRow;
import org.bkdms.site.computing.KpiMapping;
import org.bkdms.site.computing.RowComputer;
import org.bkdms.site.computing.UnitRegistry;
import org.junit.jupiter.api.Test;

class DemoSamplesTest {
    private static final Path SHIPPED = Path.of("..", "samples", "demo");

    @Test
    void shippedSampleFilesAreExactlyTheGeneratorsOutput() throws IOException {
        Map<String, String> generated = DemoSamples.generate();
        if (Boolean.getBoolean("bkdms.samples.write")) {
            DemoSamples.write(SHIPPED);
        }
        Set<String> shipped;
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            shipped = files.filter(Files::isRegularFile).map(p -> SHIPPED.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("README.md")).collect(Collectors.toSet());
        }
        assertThat(shipped).containsExactlyInAnyOrderElementsOf(generated.keySet());
        for (Map.Entry<String, String> e : generated.entrySet()) {
            assertThat(Files.readString(SHIPPED.resolve(e.getKey()), StandardCharsets.UTF_8)).as(e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void everyRowBecomesOneValidRecordOfItsSitesPolicyThroughTheSitesOwnMapping() throws IOException {
        KpiCatalogue catalogue = KpiCatalogue.u4ssc();
        DemoSites sites = DemoSites.read(SHIPPED);
        assertThat(sites.sites()).hasSize(5);
        assertThat(sites.sites().stream().map(s -> s.city().code()).distinct()).containsExactlyInAnyOrder("NOTRD", "ESVLC");
        Set<KpiCode> kpis = new HashSet<>();
        Map<String, Integer> months = new LinkedHashMap<>();
        long rows = 0;
        for (DemoSites.Site site : sites.sites()) {
            KpiMapping mapping;
            try (InputStream in = Files.newInputStream(SHIPPED.resolve(site.dir()).resolve("mapping.yaml"))) {
                mapping = KpiMapping.read(in, catalogue);
            }
            RowComputer computer = new RowComputer(mapping, catalogue, new UnitRegistry());
            Set<KpiCode> policy = site.policy().kpis().stream().map(KpiCode::parse).collect(Collectors.toSet());
            for (String file : site.files()) {
                List<String> lines = Files.readAllLines(SHIPPED.resolve(site.dir()).resolve(file), StandardCharsets.UTF_8);
                String[] header = lines.get(0).split(",", -1);
                for (int i = 1; i < lines.size(); i++) {
                    String[] cells = lines.get(i).split(",", -1);
                    assertThat(cells).as(file + ":" + (i + 1)).hasSameSizeAs(header);
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (int c = 0; c < header.length; c++) {
                        fields.put(header[c], cells[c]);
                    }
                    RowComputer.Result r = computer.compute(new SourceRow("files", file + ":" + (i + 1), fields),
                            Optional.of(policy));
                    assertThat(r.rejections()).as(file + ":" + (i + 1)).isEmpty();
                    assertThat(r.observations()).as(file + ":" + (i + 1)).hasSize(1);
                    catalogue.validate(r.observations().get(0).kpiData());
                    kpis.add(r.observations().get(0).kpi().code());
                    months.merge(cells[0].substring(0, 7), 1, Integer::sum);
                    rows++;
                }
            }
        }
        assertThat(kpis).hasSizeGreaterThanOrEqualTo(20);
        assertThat(months.keySet()).hasSize(12).allMatch(m -> m.startsWith("2025-"));
        assertThat(rows).isEqualTo(sites.expectedRecords(SHIPPED));
    }
}
