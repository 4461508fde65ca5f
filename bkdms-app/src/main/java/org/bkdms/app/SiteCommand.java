package org.bkdms.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bkdms.site.SamplingSite;
import org.bkdms.site.SiteConfig;
import org.bkdms.site.SiteStatus;
import org.bkdms.site.storage.QuarantinedRow;
import org.bkdms.site.storage.SiteStore;
import org.bkdms.site.storage.StoreStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bkdms site}: the sampling site (KPI processing module). */
@Command(name = "site", mixinStandardHelpOptions = true, description = "Sampling site: collect, compute, seal and upload KPI records.",
        subcommands = {SiteCommand.Run.class, SiteCommand.Status.class, SiteCommand.Quarantine.class})
final class SiteCommand {
    /** Held so that the level set on it stays (loggers are only weakly referenced). */
    private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

    /**
     * Opens the store of an existing site for the inspection commands, which must not create one.
     *
     * @param c the site's configuration
     * @return the store
     */
    static SiteStore existingStore(SiteConfig c) {
        if (!java.nio.file.Files.exists(c.dataDir().resolve("site.mv.db"))) {
            throw new InputException("no site store in " + c.dataDir() + " (has the site run yet?)", null);
        }
        // schema migration messages are for the running site's log, not for an operator's query
        FLYWAY.setLevel(java.util.logging.Level.WARNING);
        return SiteStore.open(c.dataDir());
    }

    /** A one-line log format with an ISO timestamp, level, logger and message. */
    static void oneLineLogs() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run a sampling site until stopped (SIGTERM or Ctrl-C): poll its collectors, compute KPI records,",
        "seal them into the outbox and upload them to the ledger node over mutual TLS, in sequence order."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "site.yaml")
        Path config;

        @Mixin
        PasswordOptions passwords;

        @Override
        public Integer call() throws Exception {
            oneLineLogs();
            SiteConfig c = SiteConfig.read(config);
            PrintWriter out = spec.commandLine().getOut();
            SamplingSite site = SamplingSite.open(c, passwords.password());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                site.close();
                stopped.countDown();
            }, "bkdms-site-shutdown"));
            site.start();
            StoreStatus st = site.status().store();
            out.printf("site %s ready: ledger %s, outbox %d pending, last confirmed sequence %d%n", c.siteId(), c.ledger(),
                    st.pending(), st.lastConfirmedSequence());
            out.flush();
            stopped.await();
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {
        "Show a site's outbox depth, last confirmed sequence number, quarantine size and reasons.",
        "Works while the site runs."})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "site.yaml")
        Path config;

        @Override
        public Integer call() throws Exception {
            SiteConfig c = SiteConfig.read(config);
            PrintWriter out = spec.commandLine().getOut();
            try (SiteStore store = existingStore(c)) {
                print(out, c.siteId(), new SiteStatus(store.status(), java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty()));
            }
            return ExitCodes.OK;
        }

        static void print(PrintWriter out, String siteId, SiteStatus s) {
            StoreStatus st = s.store();
            out.printf("site %s%n", siteId);
            out.printf("  outbox pending:          %d%n", st.pending());
            out.printf("  confirmed:               %d%n", st.confirmed());
            out.printf("  last sealed sequence:    %d%n", st.lastSequence());
            out.printf("  last confirmed sequence: %d%n", st.lastConfirmedSequence());
            out.printf("  open periods:            %d%n", st.openPeriods());
            out.printf("  quarantined:             %d%n", st.quarantined());
            for (Map.Entry<String, Long> e : st.quarantineReasons().entrySet()) {
                out.printf("    %-22s %d%n", e.getKey(), e.getValue());
            }
            out.flush();
        }
    }

    @Command(name = "quarantine", mixinStandardHelpOptions = true, description = "Review rows the site refused.",
            subcommands = {Quarantine.ListRows.class, Quarantine.Release.class})
    static final class Quarantine {

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List quarantined rows with their reasons.")
        static final class ListRows implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Option(names = "--config", required = true, paramLabel = "FILE", description = "site.yaml")
            Path config;

            @Option(names = "--all", description = "Include released rows.")
            boolean all;

            @Override
            public Integer call() throws Exception {
                SiteConfig c = SiteConfig.read(config);
                PrintWriter out = spec.commandLine().getOut();
                try (SiteStore store = existingStore(c)) {
                    List<QuarantinedRow> rows = store.quarantined(all);
                    for (QuarantinedRow r : rows) {
                        out.printf("%d\t%s\t%s\t%s\t%s%s%n\t%s%n", r.id(), r.createdAt(), r.reasonCode(), r.reference(),
                                r.reason(), r.releasedAt().map(t -> " (released " + t + ")").orElse(""), r.rowText());
                    }
                    out.printf("%d rows%n", rows.size());
                }
                return ExitCodes.OK;
            }
        }

        @Command(name = "release", mixinStandardHelpOptions = true, description = {
            "Mark quarantined rows as reviewed: they no longer count as open. Rows are not fed back;",
            "fix the source and drop the corrected data in again."})
        static final class Release implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Option(names = "--config", required = true, paramLabel = "FILE", description = "site.yaml")
            Path config;

            @Parameters(paramLabel = "ID", arity = "1..*", description = "Quarantine entry numbers, from 'list'.")
            List<Long> ids;

            @Override
            public Integer call() throws Exception {
                SiteConfig c = SiteConfig.read(config);
                PrintWriter out = spec.commandLine().getOut();
                int released = 0;
                try (SiteStore store = existingStore(c)) {
                    for (long id : ids) {
                        if (store.release(id, Instant.now())) {
                            released++;
                        } else {
                            out.printf("no open quarantine entry %d%n", id);
                        }
                    }
                }
                out.printf("released %d of %d%n", released, ids.size());
                return released == ids.size() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
            }
        }
    }
}
