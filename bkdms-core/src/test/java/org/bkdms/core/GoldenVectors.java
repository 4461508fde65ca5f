package org.bkdms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Golden test vectors kept as hex under {@code src/test/resources/golden/}. Running the tests with
 * {@code -Dbkdms.golden.write=true} rewrites the files from the current encoder (and fails, so that
 * a rewrite is never mistaken for a pass); see {@code src/test/resources/golden/README.md}.
 */
public final class GoldenVectors {
    private static final HexFormat HEX = HexFormat.of();

    private GoldenVectors() {
    }

    /**
     * Compares an encoding with the stored vector, or rewrites the vector when asked to.
     *
     * @param name file name under {@code golden/}
     * @param actual the current encoding
     * @return the stored vector
     * @throws IOException if the file cannot be read or written
     */
    public static byte[] check(String name, byte[] actual) throws IOException {
        if (Boolean.getBoolean("bkdms.golden.write")) {
            write(Path.of("src/test/resources/golden", name), actual);
            fail("rewrote golden/" + name + "; review the diff and run again without -Dbkdms.golden.write");
        }
        byte[] expected = read(name);
        assertThat(HEX.formatHex(actual)).as("encoding compared with golden/" + name).isEqualTo(HEX.formatHex(expected));
        return expected;
    }

    /**
     * @param name file name under {@code golden/}
     * @return the octets; lines starting with {@code #} and all whitespace are ignored
     * @throws IOException if the resource cannot be read
     */
    public static byte[] read(String name) throws IOException {
        try (InputStream in = GoldenVectors.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("resource golden/" + name).isNotNull();
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replaceAll("\\s", ""));
                }
            }
            return HEX.parseHex(hex);
        }
    }

    private static void write(Path file, byte[] der) throws IOException {
        String hex = HEX.formatHex(der);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            sb.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    }
}
