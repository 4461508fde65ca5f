package org.bkdms.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.util.Properties;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.VerificationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code bkdms} command: one entry point for every BKDMS role and tool. Errors are reported as
 * one line on standard error and mapped to the exit codes of {@link ExitCodes}.
 */
@Command(name = "bkdms", mixinStandardHelpOptions = true, versionProvider = BkdmsCommand.Version.class,
        description = "Blockchain-based unified KPI data management for smart sustainable cities (ITU-T Y.4907).",
        subcommands = {KeysCommand.class, RecordCommand.class, PacketCommand.class, NodeCommand.class, CaCommand.class, VerifyChainCommand.class, BenchCommand.class, DemoCommand.class,
            AnalysisCommand.class,
            PlatformCommand.class, TraceCommand.class, AuditCommand.class, ExportCommand.class, SiteCommand.class,
            CommandLine.HelpCommand.class})
public final class BkdmsCommand {

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** @return the command line, with error handling installed; used by tests to run commands in-process */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new BkdmsCommand());
        cl.setExecutionExceptionHandler(BkdmsCommand::handle);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code = exitCode(e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof NoSuchFileException) {
            message = "no such file: " + e.getMessage();
        }
        String reason = e instanceof BkdmsException b ? b.reasonCode() : code == ExitCodes.IO_ERROR ? "IO_ERROR" : "ERROR";
        err.println("bkdms: " + reason + ": " + message.replace('\n', ' '));
        if (code == ExitCodes.INTERNAL_ERROR) {
            e.printStackTrace(err);
        }
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof VerificationException) {
            return ExitCodes.VERIFICATION_FAILED;
        }
        if (e instanceof BkdmsException) {
            return ExitCodes.INVALID_INPUT;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof GeneralSecurityException) {
            return ExitCodes.IO_ERROR;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = BkdmsCommand.class.getResourceAsStream("/org/bkdms/app/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"bkdms " + p.getProperty("version", "unknown"), "Java " + Runtime.version()};
        }
    }
}
