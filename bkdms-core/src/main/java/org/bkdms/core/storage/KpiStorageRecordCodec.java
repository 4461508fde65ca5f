package org.bkdms.core.storage;

import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.packet.KpiPacketCodec;

/**
 * DER codec of the storage record, the {@code KpiStorageRecord} type of the ASN.1 module
 * {@code docs/asn1/BKDMS-KPI.asn}:
 *
 * <pre>
 * KpiStorageRecord ::= SEQUENCE {
 *     version        Version,
 *     dataRecorder   Recorder,
 *     blockRecorder  Recorder,
 *     cityData       OCTET STRING,
 *     chainId        IA5String,
 *     tracingCode    OCTET STRING,
 *     checkCode      OCTET STRING }
 * Recorder ::= SEQUENCE { offset INTEGER (0..MAX), length INTEGER (0..MAX) }
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class KpiStorageRecordCodec {
    /** The only version defined. */
    public static final int VERSION = 1;
    /** Largest encoding accepted by {@link #decode(byte[])}. */
    public static final int MAX_ENCODED_LENGTH = KpiPacketCodec.MAX_ENCODED_LENGTH + 2048;

    private KpiStorageRecordCodec() {
    }

    /**
     * @param record the storage record
     * @return its DER encoding
     */
    public static byte[] encode(KpiStorageRecord record) {
        return new DerWriter().sequence(w -> {
            w.integer(VERSION);
            w.sequence(r -> r.integer(record.dataRecorder().offset()).integer(record.dataRecorder().length()));
            w.sequence(r -> r.integer(record.blockRecorder().offset()).integer(record.blockRecorder().length()));
            w.octetString(record.cityData());
            w.ia5String(record.chainId());
            w.octetString(record.tracingCode());
            w.octetString(record.checkCode());
        }).toByteArray();
    }

    /**
     * @param der a DER-encoded {@code KpiStorageRecord}
     * @return the storage record
     * @throws DecodeException if the bytes are not the canonical encoding of one
     */
    public static KpiStorageRecord decode(byte[] der) {
        DerReader r = DerReader.openVersioned(der, MAX_ENCODED_LENGTH, VERSION, "storage record");
        Recorder data = recorder(r.readSequence(), "dataRecorder");
        Recorder block = recorder(r.readSequence(), "blockRecorder");
        byte[] cityData = r.readOctetString(1, KpiPacketCodec.MAX_ENCODED_LENGTH, "cityData");
        String chainId = r.readIa5String(1, KpiStorageRecord.MAX_CHAIN_ID_LENGTH, "chainId");
        byte[] tracing = r.readOctetString(1, KpiStorageRecord.MAX_CODE_LENGTH, "tracingCode");
        byte[] check = r.readOctetString(1, KpiStorageRecord.MAX_CODE_LENGTH, "checkCode");
        r.expectEnd();
        return new KpiStorageRecord(data, block, cityData, chainId, tracing, check);
    }

    private static Recorder recorder(DerReader r, String field) {
        long offset = r.readLong(0, Long.MAX_VALUE, field + ".offset");
        long length = r.readLong(0, Long.MAX_VALUE, field + ".length");
        r.expectEnd();
        return new Recorder(offset, length);
    }
}
