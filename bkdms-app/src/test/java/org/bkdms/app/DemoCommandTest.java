package org.bkdms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bkdms.app.demo.DemoSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bkdms demo --no-serve} in this JVM over the shipped sample, then again on the same
 * directory, then with {@code --fresh}, and checks the summary against the sample files; and once
 * with a three-node Raft cluster over a cut-down sample.
 */
class DemoCommandTest {
    private static final Path SAMPLE = Path.of("..", "samples", "demo");

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static long figure(String out, String name) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + " +(\\d+)").matcher(out);
        assertThat(m.find()).as(name + " in " + out).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void theDemoVerifiesEverySampleRecordOnceAcrossRunsAndStartsOverWhenFresh() throws Exception {
        long expected = DemoSites.read(SAMPLE).expectedRecords(SAMPLE);
        assertThat(expected).isEqualTo(1282);
        Path data = dir.resolve("demo");

        CliRun first = run("demo", "--no-serve", "--data-dir", data.toString());
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        for (String f : new String[] {"sample records", "sealed", "committed", "stored", "verified"}) {
            assertThat(figure(first.out(), f)).as(f).isEqualTo(expected);
        }
        assertThat(figure(first.out(), "blocks")).isPositive();
        assertThat(first.out()).contains("site quarantine none, ledger none, platform evidence none",
                "UNLOCODE:NOTRD", "UNLOCODE:ESVLC", "every record verified and stored", "./bkdms trace --config");
        assertThat(first.out()).containsPattern("trondheim-air \\d+ \\(\\d+/s\\)");
        Path secret = data.resolve("keystore-password");
        String password = Files.readString(secret).trim();
        assertThat(Files.getPosixFilePermissions(secret)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));
        assertThat(first.out() + first.err()).doesNotContain(password);
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        long blocks = figure(first.out(), "blocks");

        CliRun again = run("demo", "--no-serve", "--data-dir", data.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("reusing");
        for (String f : new String[] {"sealed", "committed", "stored", "verified"}) {
            assertThat(figure(again.out(), f)).as(f).isEqualTo(expected);
        }
        assertThat(figure(again.out(), "blocks")).isGreaterThanOrEqualTo(blocks);
        assertThat(Files.readString(secret).trim()).isEqualTo(password);

        // a cut-down sample keeps the third run short; --fresh must drop the old sample with the rest
        CliRun fresh = run("demo", "--no-serve", "--fresh", "--sample", smallSample().toString(), "--data-dir", data.toString());
        assertThat(fresh.exit()).as(fresh.out() + fresh.err()).isZero();
        assertThat(fresh.out()).contains("creating the CA").doesNotContain("reusing");
        for (String f : new String[] {"sample records", "sealed", "verified"}) {
            assertThat(figure(fresh.out(), f)).as(f).isEqualTo(16);
        }
        assertThat(Files.readString(secret).trim()).isNotEqualTo(password);
    }

    @Test
    void freshRefusesToDeleteADirectoryTheDemoDidNotMake() throws Exception {
        Files.writeString(dir.resolve("precious.txt"), "keep me");
        CliRun r = run("demo", "--no-serve", "--fresh", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(r.err()).contains("refusing to delete");
        assertThat(dir.resolve("precious.txt")).exists();
    }

    @Test
    void withThreeNodesTheDemoRunsARaftClusterOverAGivenSampleAndVerifiesEveryRecord() throws Exception {
        CliRun r = run("demo", "--no-serve", "--nodes", "3", "--sample", smallSample().toString(), "--data-dir",
                dir.resolve("cluster-demo").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ledger cluster of 3 nodes on Apache Ratis", "2 in 2 cities",
                "every record verified and stored");
        for (String f : new String[] {"sample records", "sealed", "committed", "stored", "verified"}) {
            assertThat(figure(r.out(), f)).as(f).isEqualTo(16);
        }
    }

    /** Two sites of the shipped sample with eight rows of each file: 16 records. */
    private Path smallSample() throws Exception {
        DemoSites shipped = DemoSites.read(SAMPLE);
        Path small = dir.resolve("small");
        List<DemoSites.Site> sites = List.of(shipped.sites().get(0), shipped.sites().get(4));
        for (DemoSites.Site s : sites) {
            Files.createDirectories(small.resolve(s.dir()).resolve("inbox"));
            Files.copy(SAMPLE.resolve(s.dir()).resolve("mapping.yaml"), small.resolve(s.dir()).resolve("mapping.yaml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (String f : s.files()) {
                Files.write(small.resolve(s.dir()).resolve(f), Files.readAllLines(SAMPLE.resolve(s.dir()).resolve(f)).subList(0, 9));
            }
        }
        new ObjectMapper(new YAMLFactory()).writeValue(small.resolve("demo.yaml").toFile(), new DemoSites(sites));
        return small;
    }
}
