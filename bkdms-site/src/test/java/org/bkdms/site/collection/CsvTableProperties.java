package org.bkdms.site.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** The CSV reader takes whatever a folder receives: it ends, never throws, and keeps well-formed lines. */
class CsvTableProperties {
    private Path dir;

    @BeforeProperty
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("csv-props");
    }

    @AfterProperty
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private List<TableReader.Line> read(byte[] content) throws IOException {
        Path f = Files.createTempFile(dir, "in", ".csv");
        Files.write(f, content);
        List<TableReader.Line> lines = new ArrayList<>();
        try (CsvTable t = CsvTable.open(f)) {
            Iterator<TableReader.Line> it = t.lines();
            while (it.hasNext() && lines.size() < 100_000) {
                lines.add(it.next());
            }
        }
        return lines;
    }

    @Property(tries = 300)
    void arbitraryBytesNeverCrashTheReader(@ForAll byte[] content) throws IOException {
        for (TableReader.Line l : read(content)) {
            assertThat(l.fields() == null).isEqualTo(l.error() != null);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> cell = Arbitraries.strings().withChars("abc,\"\n 1.5-:é").ofMaxLength(8);
        return cell.list().ofSize(3).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 300)
    void quotedCellsOfAnyContentComeBackAsWritten(@ForAll("tables") List<List<String>> rows) throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (List<String> r : rows) {
            csv.append(String.join(",", r.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList())).append('\n');
        }
        List<TableReader.Line> lines = read(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(lines).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(lines.get(i).error()).isNull();
            assertThat(List.copyOf(lines.get(i).fields().values())).isEqualTo(rows.get(i));
        }
    }
}
