package org.bkdms.ledger.tx;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerTag;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.record.SiteId;

/**
 * A sampling site's upload of one encrypted KPI packet (Y.4907 Table 10-2): the envelope the site
 * signs, naming itself and its per-site sequence number.
 *
 * @param siteId the submitting site
 * @param sequence the site's sequence number for this packet, strictly increasing per site
 * @param submittedAt when the site submitted it
 * @param packetDer the DER {@code KpiPacket}
 */
public record KpiSubmission(SiteId siteId, long sequence, Instant submittedAt, byte[] packetDer) implements TxBody {
    /**
     * Checks the parts and copies the packet.
     *
     * @param siteId see {@link #siteId()}
     * @param sequence see {@link #sequence()}
     * @param submittedAt see {@link #submittedAt()}
     * @param packetDer see {@link #packetDer()}
     */
    public KpiSubmission {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (sequence < 0) {
            throw new ValidationException(Violation.INVALID_FIELD, "sequence must be non-negative");
        }
        if (packetDer.length == 0 || packetDer[0] != DerTag.SEQUENCE) {
            throw new ValidationException(Violation.INVALID_FIELD, "packet must be a DER KpiPacket");
        }
        packetDer = packetDer.clone();
    }

    /** @return a copy of the DER packet */
    @Override
    public byte[] packetDer() {
        return packetDer.clone();
    }

    @Override
    public int choice() {
        return 0;
    }

    @Override
    public void writeTo(DerWriter w) {
        w.sequence(s -> s.integer(1).octetString(siteId.address()).integer(sequence).generalizedTime(submittedAt)
                .raw(packetDer));
    }

    static KpiSubmission readFrom(DerReader seq) {
        DerReader r = seq;
        VersionCheck.require(r, "submission");
        byte[] site = r.readOctetString(4, 16, "siteId");
        long sequence = r.readLong(0, Long.MAX_VALUE, "sequence");
        Instant at = r.readGeneralizedTime("submittedAt");
        byte[] packet = r.readElement(DerTag.SEQUENCE);
        if (packet.length > KpiPacketCodec.MAX_ENCODED_LENGTH) {
            throw new org.bkdms.core.error.DecodeException(-1, "packet exceeds " + KpiPacketCodec.MAX_ENCODED_LENGTH);
        }
        r.expectEnd();
        return new KpiSubmission(SiteId.of(site), sequence, at, packet);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KpiSubmission k && siteId.equals(k.siteId) && sequence == k.sequence
                && submittedAt.equals(k.submittedAt) && Arrays.equals(packetDer, k.packetDer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(siteId, sequence, submittedAt, Arrays.hashCode(packetDer));
    }

    @Override
    public String toString() {
        return "KpiSubmission{site=" + siteId + ", seq=" + sequence + ", at=" + submittedAt + ", packet="
                + packetDer.length + " octets}";
    }
}
