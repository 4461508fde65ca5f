package org.bkdms.ledger.blocklog;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileBlockLogContractTest extends BlockLogContractTest {
    @TempDir
    Path dir;

    @Override
    protected BlockLog newLog() throws IOException {
        return FileBlockLog.open(dir.resolve("data"));
    }
}
