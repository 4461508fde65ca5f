package org.bkdms.ledger.blocklog;

class MemoryBlockLogContractTest extends BlockLogContractTest {
    @Override
    protected BlockLog newLog() {
        return new MemoryBlockLog();
    }
}
