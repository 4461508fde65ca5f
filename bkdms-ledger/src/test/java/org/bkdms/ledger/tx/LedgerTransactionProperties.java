package org.bkdms.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;

/** Untrusted bytes fed to the ledger's decoders yield a transaction or a typed error, nothing else. */
class LedgerTransactionProperties {
    private static final byte[] VALID = new LedgerFixture().submission(org.bkdms.core.record.SiteId.parse("10.0.0.1"), 1)
            .encoded();

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.integers().between(0, VALID.length - 1).list().ofMinSize(1).ofMaxSize(3).flatMap(
                positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] b = VALID.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        b[positions.get(i)] = values.get(i);
                    }
                    return b;
                }));
    }

    @Property(tries = 500)
    void mutatedTransactionsDecodeOrFailTyped(@ForAll("mutated") byte[] bytes) {
        try {
            LedgerTransaction tx = LedgerTransaction.decode(bytes);
            assertThat(tx.encoded()).isEqualTo(bytes);
        } catch (BkdmsException expected) {
            // typed rejection
        }
    }

    @Property(tries = 500)
    void randomBytesNeverEscapeAsAnythingButTypedErrors(@ForAll byte[] bytes) {
        try {
            LedgerTransaction.decode(bytes);
        } catch (BkdmsException expected) {
            // typed rejection
        }
        try {
            Block.decode(bytes);
        } catch (BkdmsException expected) {
            // typed rejection
        }
    }
}
