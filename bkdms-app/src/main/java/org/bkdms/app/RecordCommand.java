package org.bkdms.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bkdms record}: convert unified KPI records (Y.4907 Table 10-1) between JSON and DER. */
@Command(name = "record", description = "Encode and decode unified KPI records (JSON <-> DER).",
        subcommands = {RecordCommand.Encode.class, RecordCommand.Decode.class})
final class RecordCommand {

    @Command(name = "encode", description = "Read a record as JSON, check it against the KPI catalogue, write its DER.")
    static final class Encode implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "Record JSON.")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "DER output.")
        Path out;

        @Option(names = "--no-catalogue-check", description = "Skip the check of KPI code, unit, series and ranges.")
        boolean noCheck;

        @Override
        public Integer call() throws Exception {
            UnifiedKpiRecord record = Inputs.record(in, new RecordJson());
            if (!noCheck) {
                KpiCatalogue.u4ssc().validate(record.kpiData());
            }
            byte[] der = UnifiedKpiRecordCodec.encode(record);
            Files.write(out, der);
            spec.commandLine().getErr().printf("wrote %s (%d octets)%n", out, der.length);
            return ExitCodes.OK;
        }
    }

    @Command(name = "decode", description = "Read a record as DER and print it as JSON.")
    static final class Decode implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "Record DER.")
        Path in;

        @Option(names = "--check", description = "Also check the record against the KPI catalogue.")
        boolean check;

        @Override
        public Integer call() throws Exception {
            UnifiedKpiRecord record = UnifiedKpiRecordCodec.decode(Inputs.read(in));
            if (check) {
                KpiCatalogue.u4ssc().validate(record.kpiData());
            }
            spec.commandLine().getOut().println(new RecordJson().toText(record));
            return ExitCodes.OK;
        }
    }
}
