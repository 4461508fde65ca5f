package org.bkdms.core.packet;

import org.bkdms.core.record.UnifiedKpiRecord;

/**
 * A packet that was decrypted and whose digest and signature verified.
 *
 * @param record the unified KPI record
 * @param recordDer the record's DER encoding as decrypted
 * @param packet the packet it came from
 */
public record OpenedPacket(UnifiedKpiRecord record, byte[] recordDer, KpiPacket packet) {
}
