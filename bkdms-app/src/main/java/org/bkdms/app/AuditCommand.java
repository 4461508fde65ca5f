package org.bkdms.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.audit.AuditReport;
import org.bkdms.platform.audit.Inconsistency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bkdms audit}: the platform database against the chains. */
@Command(name = "audit", description = {
    "Re-verify every configured chain from genesis and every stored Table 10-3 row against it. Prints",
    "each inconsistency (modified row, missing row, row with no chain record, block mismatch, chain",
    "break) and exits 1 if there is any."})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (SmartCityPlatform p = platform.openTool()) {
            AuditReport report = p.audit();
            for (AuditReport.ChainSummary c : report.chains()) {
                out.printf("chain %s: %d blocks verified, %d stored rows compared (%d blocks stored)%n", c.chainId(),
                        c.blocks(), c.rowsChecked(), c.storedHeight());
            }
            for (Inconsistency i : report.inconsistencies()) {
                out.println(i);
            }
            out.println(report.consistent() ? "audit: consistent" : "audit: " + report.inconsistencies().size()
                    + " inconsistencies");
            return report.consistent() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
