package org.bkdms.analysis.assessment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bkdms.core.kpi.KpiCatalogue;

/** A targets file is external input: whatever it holds, reading it gives targets or a TargetFileException. */
class TargetSetProperties {
    static final KpiCatalogue CATALOGUE = KpiCatalogue.u4ssc();
    static final byte[] EXAMPLE = example();
    static final String MUTATIONS = " :-[]{}'\"\n#0123456789abcxyz&*!|>";

    static byte[] example() {
        try (InputStream in = TargetSet.class.getResourceAsStream(TargetSet.EXAMPLE_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void readOrTypedError(byte[] bytes) {
        try {
            TargetSet.read(new ByteArrayInputStream(bytes), CATALOGUE);
        } catch (TargetFileException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 500)
    void arbitraryTextIsReadOrRefusedWithATypedError(@ForAll("yamlish") String text) {
        readOrTypedError(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void mutatedExampleIsReadOrRefusedWithATypedError(@ForAll @IntRange(min = 0, max = 100_000) int seed,
            @ForAll @IntRange(min = 1, max = 8) int mutations) {
        byte[] b = EXAMPLE.clone();
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < mutations; i++) {
            b[r.nextInt(b.length)] = (byte) MUTATIONS.charAt(r.nextInt(MUTATIONS.length()));
        }
        readOrTypedError(b);
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings().withChars(" :-[]{}'\"\n#0123456789.abcdeknprstuvwxyz&*!|>,").ofMaxLength(200);
    }
}
