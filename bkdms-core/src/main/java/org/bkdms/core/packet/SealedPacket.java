package org.bkdms.core.packet;

import org.bkdms.core.record.UnifiedKpiRecord;

/**
 * A packet as sealed by a site, with the exact record inside it (the site keeps it until the chain
 * confirms the packet).
 *
 * @param packet the packet to upload
 * @param record the record it encrypts, including the salt the sealer added
 * @param encoded the packet's DER encoding
 */
public record SealedPacket(KpiPacket packet, UnifiedKpiRecord record, byte[] encoded) {
}
