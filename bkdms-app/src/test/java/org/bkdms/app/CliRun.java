package org.bkdms.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One run of the {@code bkdms} command line inside the test's JVM, with what it printed.
 *
 * @param exit its exit code
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error
 */
record CliRun(int exit, String out, String err) {

    /**
     * @param args the arguments after {@code bkdms}
     * @return the finished run
     */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = BkdmsCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * @param args the arguments after {@code bkdms}
     * @return the finished run
     */
    static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }
}
