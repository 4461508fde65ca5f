package org.bkdms.platform.store;

import org.bkdms.core.crypto.Sha256;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.storage.Recorder;

/**
 * The check code of a Y.4907 Table 10-3 storage record: SHA-256 over a DER encoding of every other
 * field of the row plus the hash of the block that holds the packet (see {@code docs/FORMAT.md}):
 * <pre>
 * CheckCodeInput ::= SEQUENCE {
 *     label          UTF8String ("BKDMS check code v1"),
 *     dataRecorder   Recorder,
 *     blockRecorder  Recorder,
 *     cityData       OCTET STRING,
 *     chainId        IA5String,
 *     tracingCode    OCTET STRING,
 *     blockHash      OCTET STRING (SIZE (32)) }
 * </pre>
 * The block hash is what the chain's nodes sign, so a check code that recomputes from the chain
 * proves the row is the chain's record. It is not a secret: someone who edits a row can also
 * recompute its check code, which is why the audit compares rows with the chain itself rather than
 * trusting a stored check code. Stateless.
 */
public final class CheckCode {
    /** The domain-separation label inside the hashed structure. */
    public static final String LABEL = "BKDMS check code v1";
    /** Octets of a check code. */
    public static final int LENGTH = 32;

    private CheckCode() {
    }

    /**
     * @param dataRecorder the packet's range inside its block
     * @param blockRecorder the block's range in the block log
     * @param cityData the packet's DER encoding
     * @param chainId the chain id
     * @param tracingCode the encoded tracing code
     * @param blockHash the hash of the block's header
     * @return the check code
     */
    public static byte[] compute(Recorder dataRecorder, Recorder blockRecorder, byte[] cityData, String chainId,
            byte[] tracingCode, byte[] blockHash) {
        byte[] input = new DerWriter().sequence(s -> {
            s.utf8String(LABEL);
            s.sequence(r -> r.integer(dataRecorder.offset()).integer(dataRecorder.length()));
            s.sequence(r -> r.integer(blockRecorder.offset()).integer(blockRecorder.length()));
            s.octetString(cityData).ia5String(chainId).octetString(tracingCode).octetString(blockHash);
        }).toByteArray();
        return Sha256.digest(input);
    }
}
