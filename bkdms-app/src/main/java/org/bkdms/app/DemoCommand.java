package org.bkdms.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bkdms.analysis.quality.CityQuality;
import org.bkdms.app.demo.EmbeddedDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms demo}: the whole system in one JVM on the embedded default, over the shipped sample data. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "Run the whole system in this JVM over the shipped sample, then serve the dashboard.",
    "CA and keys, a ledger node (or a Ratis cluster), the smart city platform on embedded H2 and five",
    "sampling sites in two cities (samples/demo: 24 KPIs, 2025), all talking gRPC with mutual TLS 1.3",
    "on loopback. The sites collect, seal and upload; the platform extracts, verifies, stores and",
    "decrypts; a summary follows. Then the platform's HTTPS API and dashboard are served until",
    "interrupted. A second run reuses the data directory and adds nothing twice."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "bkdms-data/demo",
            description = "Where keys, chain, site stores and database live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete an earlier run's data directory first.")
    boolean fresh;

    @Option(names = "--no-serve", description = "Exit after the summary: status 0 only if every record was verified and stored.")
    boolean noServe;

    @Option(names = "--nodes", defaultValue = "1", paramLabel = "N",
            description = "Ledger nodes (default: ${DEFAULT-VALUE}); more than one runs an Apache Ratis cluster in this JVM "
                    + "and always starts over.")
    int nodes;

    @Option(names = "--block-period-ms", defaultValue = "10", paramLabel = "MS",
            description = "The ledger's processing time period (default: ${DEFAULT-VALUE}).")
    long blockPeriodMillis;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Give up if the platform has not stored everything by then (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--sample", paramLabel = "DIR",
            description = "Run over another sample in the layout of samples/demo (demo.yaml, each site's mapping.yaml and"
                    + " files) instead of the shipped one; read when the data directory has no sample yet.")
    Path sample;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (nodes < 1 || nodes > 7 || blockPeriodMillis < 1 || timeoutSeconds < 1) {
            throw new InputException("--nodes must be 1 to 7, --block-period-ms and --timeout positive", null);
        }
        EmbeddedDemo demo = EmbeddedDemo.open(new EmbeddedDemo.Options(dataDir, nodes, fresh, !noServe,
                Duration.ofMillis(blockPeriodMillis), Duration.ofSeconds(timeoutSeconds), sample), out);
        boolean serving = false;
        try {
            EmbeddedDemo.Summary s = demo.run();
            print(out, demo, s);
            if (noServe) {
                return s.allVerified() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
            }
            int port = demo.platform().apiPort().orElseThrow();
            out.printf("%nDashboard:  https://127.0.0.1:%d/dashboard/   (REST API: https://127.0.0.1:%d/api/)%n", port, port);
            out.printf("Login:      user demo, password in %s%n", demo.dataDir().resolve(EmbeddedDemo.DEMO_PASSWORD_FILE));
            out.printf("TLS:        the certificate is issued by the demo's own CA, %s%n", demo.dataDir().resolve("ca.pem"));
            out.printf("Sites:      still watching their inboxes; drop a CSV file into %s/<site>/inbox/ to send more%n",
                    demo.dataDir().resolve("sites"));
            out.printf("Serving until interrupted (Ctrl-C).%n");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                demo.close();
                stopped.countDown();
            }, "bkdms-demo-shutdown"));
            serving = true;
            stopped.await();
            return ExitCodes.OK;
        } finally {
            if (!serving) {
                demo.close();
            }
        }
    }

    private static void print(PrintWriter out, EmbeddedDemo demo, EmbeddedDemo.Summary s) {
        out.printf("%nSummary (%s)%n", demo.dataDir());
        out.printf("  sites                %d in %d cities%n", s.sites(),
                demo.sample().sites().stream().map(x -> x.city().code()).distinct().count());
        out.printf("  sample records       %d%n", s.expected());
        out.printf("  sealed               %d (encrypted for the platform, signed by the sites)%n", s.sealed());
        out.printf("  committed            %d (inclusion proofs verified by the sites)%n", s.committed());
        out.printf("  stored               %d (Table 10-3 rows at the platform)%n", s.stored());
        out.printf("  verified             %d (signature, decryption and digest checked)%n", s.verified());
        out.printf("  blocks               %d%n", s.blocks());
        out.printf("  rejections           site quarantine %s, ledger %s, platform evidence %s%n", text(s.siteRejections()),
                text(s.ledgerRejections()), text(s.platformEvidence()));
        out.printf("  this run             %.1f s, %.0f records/s stored%n", s.seconds(), s.recordsPerSecond());
        out.printf("  data quality (2025, monthly periods, from bkdms-analysis):%n");
        for (CityQuality c : s.quality()) {
            out.printf("    %-16s %d sites, %d values, completeness %s, availability %s, %d invalid, %d duplicates,"
                    + " %d conflicts%n", c.city(), c.sites(), c.observations(), percent(c.completeness()),
                    percent(c.availability()), c.invalid(), c.duplicates(), c.conflicts());
        }
        if (s.tracingCode() != null) {
            // trace asks the ledger node for the proof, so it needs the demo running
            out.printf("  try a trace          while the demo serves, in another terminal:%n"
                    + "                       ./bkdms trace --config %s --password-file %s --record %s%n",
                    demo.dataDir().resolve("platform.yaml"), demo.dataDir().resolve(EmbeddedDemo.PASSWORD_FILE), s.tracingCode());
        }
        out.printf("  result               %s%n", s.allVerified() ? "every record verified and stored"
                : "NOT every record was verified and stored");
        out.flush();
    }

    private static String text(Map<String, Long> m) {
        return m.isEmpty() ? "none" : m.toString();
    }

    private static String percent(Double d) {
        return d == null ? "n/a" : String.format("%.1f %%", d * 100);
    }
}
