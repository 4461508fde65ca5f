package org.bkdms.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.trace.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bkdms trace}: the whole provenance of a stored record. */
@Command(name = "trace", description = {
    "Trace a stored record from its tracing code: site and its registry entry at that height, block,",
    "position, inclusion proof (verified against the signed block), check code (recomputed), and with",
    "--record the decrypted record. Exits 1 if any check fails."})
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlatformOptions platform;

    @Parameters(index = "0", paramLabel = "CODE", description = "The tracing code (hexadecimal).")
    String code;

    @Option(names = "--record", description = "Also decrypt and show the record.")
    boolean record;

    @Override
    public Integer call() throws Exception {
        try (SmartCityPlatform p = platform.openTool()) {
            Provenance prov = p.trace().trace(code, record);
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(prov));
            return prov.consistent() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
