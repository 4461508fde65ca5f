package org.bkdms.ledger.tx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;

/**
 * The genesis file the smart city platform hands to every node of a new chain: the transactions of
 * block 0 as the DER {@code SEQUENCE OF LedgerTransaction}, the first establishing the chain. A node
 * uses it only when its block log is empty.
 */
public final class GenesisFile {
    /** Largest genesis file read. */
    public static final int MAX_LENGTH = 16 * 1024 * 1024;

    private GenesisFile() {
    }

    /**
     * @param transactions the genesis transactions
     * @return their DER encoding
     */
    public static byte[] encode(List<LedgerTransaction> transactions) {
        return new DerWriter().sequence(s -> transactions.forEach(t -> s.raw(t.encoded()))).toByteArray();
    }

    /**
     * @param der a genesis file's bytes
     * @return the transactions
     * @throws DecodeException if the bytes are not a genesis file
     */
    public static List<LedgerTransaction> decode(byte[] der) {
        if (der.length > MAX_LENGTH) {
            throw new DecodeException(0, "genesis file of " + der.length + " octets exceeds " + MAX_LENGTH);
        }
        DerReader top = DerReader.of(der);
        DerReader s = top.readSequence();
        top.expectEnd();
        List<LedgerTransaction> txs = new ArrayList<>();
        while (s.hasRemaining()) {
            txs.add(LedgerTransaction.decode(s.readElement(s.peekTag())));
        }
        if (txs.isEmpty()) {
            throw new DecodeException(0, "genesis file holds no transaction");
        }
        return txs;
    }

    /**
     * @param path file to write
     * @param transactions the genesis transactions
     * @throws IOException if writing fails
     */
    public static void write(Path path, List<LedgerTransaction> transactions) throws IOException {
        Files.write(path, encode(transactions));
    }

    /**
     * @param path a genesis file
     * @return its transactions
     * @throws IOException if reading fails
     */
    public static List<LedgerTransaction> read(Path path) throws IOException {
        if (Files.size(path) > MAX_LENGTH) {
            throw new DecodeException(0, path + " is larger than " + MAX_LENGTH + " octets");
        }
        return decode(Files.readAllBytes(path));
    }
}
