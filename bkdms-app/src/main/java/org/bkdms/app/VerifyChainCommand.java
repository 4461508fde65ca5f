package org.bkdms.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.ledger.chain.ChainAudit;
import org.bkdms.ledger.contracts.ContractState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms verify-chain}: verify a node's whole block log offline. */
@Command(name = "verify-chain", description = {
    "Verify a node's block log offline: every frame (length, CRC), then every block from genesis",
    "(hash chain, Merkle root, node signatures) with every transaction replayed through the",
    "smart contracts. Exits 1 at the first inconsistency, naming the block and byte offset."})
final class VerifyChainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The node's data directory.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dataDir)) {
            throw new java.nio.file.NoSuchFileException(dataDir.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        ChainAudit.Report report = ChainAudit.verify(dataDir, new ContractState(CryptoSuites.standard(),
                KpiCatalogue.u4ssc()), h -> {
                    if (h > 0 && h % 10_000 == 0) {
                        out.printf("  ... %d blocks verified%n", h);
                        out.flush();
                    }
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("%d blocks, %d transactions, %d bytes verified in %.2f s (%.0f transactions/s)%n", report.blocks(),
                report.transactions(), report.bytes(), seconds, report.transactions() / Math.max(seconds, 1e-9));
        if (report.consistent()) {
            out.println("chain consistent");
            return ExitCodes.OK;
        }
        ChainAudit.Problem p = report.problem().orElseThrow();
        spec.commandLine().getErr().printf("bkdms: CHAIN_INCONSISTENT: block %d at byte %d: %s%n", p.height(), p.offset(),
                p.message());
        return ExitCodes.VERIFICATION_FAILED;
    }
}
