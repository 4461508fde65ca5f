package org.bkdms.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code bkdms} command started in a JVM of its own, on the test's class path, the way an operator
 * starts one: the process tests kill, pause and restart these.
 *
 * @param process the running process
 * @param ready the first group of the line that said it was ready, or an empty string if the pattern
 *     has no group (a port, for a node)
 */
record BkdmsProcess(Process process, String ready) {

    /**
     * Starts the command and waits until a line of its output matches {@code ready}; the rest of its
     * output keeps being read so that the process never blocks on a full pipe.
     *
     * @param ready what its ready line looks like
     * @param lines sees every line of output, before and after the ready line
     * @param args the arguments after {@code bkdms}
     * @return the started process
     * @throws IOException if it cannot start
     * @throws IllegalStateException if it exits before it is ready, with the output it wrote
     */
    static BkdmsProcess start(Pattern ready, Consumer<String> lines, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                BkdmsCommand.class.getName()));
        cmd.addAll(args);
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            lines.accept(line);
            Matcher m = ready.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(lines), "bkdms-" + args.get(0) + "-output");
                drain.setDaemon(true);
                drain.start();
                return new BkdmsProcess(process, m.groupCount() > 0 ? m.group(1) : "");
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", args) + " exited before it was ready:\n" + seen);
    }

    /**
     * @param ready what its ready line looks like
     * @param args the arguments after {@code bkdms}
     * @return the started process, its later output discarded
     * @throws IOException if it cannot start
     */
    static BkdmsProcess start(Pattern ready, String... args) throws IOException {
        return start(ready, line -> { }, List.of(args));
    }

    /** @return the ready line's first group as a port number */
    int port() {
        return Integer.parseInt(ready);
    }
}
