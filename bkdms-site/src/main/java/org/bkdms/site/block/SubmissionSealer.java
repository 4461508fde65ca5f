package org.bkdms.site.block;

import java.time.Clock;
import java.util.Objects;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.packet.SealedPacket;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * Turns a unified KPI record into the signed ledger transaction the site uploads (Y.4907 clause
 * 9): the record gets the site's sequence number in its Extending part, is encrypted to the
 * platform's current key and its salted digest signed ({@link PacketSealer}), and the packet is
 * wrapped in a {@link KpiSubmission} with the same sequence number, signed by the site. Thread-safe.
 */
public final class SubmissionSealer {
    private final SiteId site;
    private final SuitePrivateKey siteKey;
    private final PlatformKeyDirectory keys;
    private final Clock clock;
    private PacketSealer sealer;
    private SuitePublicKey sealerKey;

    /**
     * @param site this site
     * @param siteKey its signing key
     * @param keys the platform key directory
     * @param clock the time written into submissions
     */
    public SubmissionSealer(SiteId site, SuitePrivateKey siteKey, PlatformKeyDirectory keys, Clock clock) {
        this.site = Objects.requireNonNull(site, "site");
        this.siteKey = Objects.requireNonNull(siteKey, "siteKey");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A sealed submission.
     *
     * @param transaction the signed transaction
     * @param recordDer the DER record it carries (with sequence number and salt)
     */
    public record Sealed(LedgerTransaction transaction, byte[] recordDer) {
    }

    /**
     * @param record the record; its site must be this site
     * @param sequence the sequence number to give it
     * @return the signed transaction
     * @throws NoPlatformKeyException if there is no usable platform key
     */
    public Sealed seal(UnifiedKpiRecord record, long sequence) {
        if (!record.siteId().equals(site)) {
            throw new IllegalArgumentException("record of site " + record.siteId() + " sealed by site " + site);
        }
        UnifiedKpiRecord numbered = record.withExtending(record.extending().withSequenceNumber(sequence));
        SealedPacket packet = sealer().seal(numbered);
        LedgerTransaction tx = LedgerTransaction.sign(new KpiSubmission(site, sequence, clock.instant(), packet.encoded()),
                siteKey);
        return new Sealed(tx, UnifiedKpiRecordCodec.encode(packet.record()));
    }

    private synchronized PacketSealer sealer() {
        SuitePublicKey key = keys.current();
        PacketSealer s = sealer;
        if (s == null || !key.keyId().equals(sealerKey.keyId())) {
            s = new PacketSealer(key, siteKey);
            sealer = s;
            sealerKey = key;
        }
        return s;
    }
}
