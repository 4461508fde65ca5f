package org.bkdms.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with the files in {@code src/test/resources/org/bkdms/analysis/golden}. Run the
 * tests with {@code -Dbkdms.golden.update=true} to rewrite them after a deliberate change, then
 * review the diff.
 */
final class GoldenFiles {
    static final Path DIR = Path.of("src/test/resources/org/bkdms/analysis/golden");

    private GoldenFiles() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("bkdms.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (regenerate with -Dbkdms.golden.update=true)", name).exists();
        assertThat(actual).as("output differs from golden file %s", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
