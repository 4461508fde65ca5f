package org.bkdms.platform.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.VerificationException;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.packet.KpiPacket;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.packet.OpenedPacket;
import org.bkdms.core.packet.PacketOpener;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.contracts.SiteEntry;
import org.bkdms.ledger.contracts.SiteRegistry;
import org.bkdms.ledger.tx.KpiSubmission;

/**
 * Decrypts and verifies committed packets (Y.4907 clause 9, "Decryption and application of KPI data
 * of SSC"): the site's signature with the key the registry held for the site at the packet's block,
 * decryption with the platform key the packet names, the signed digest, the salt, and the record's
 * consistency with its envelope and the KPI catalogue. Thread-safe.
 */
public final class PacketVerifier {
    private final CryptoSuites suites;
    private final PacketOpener opener;
    private final KpiCatalogue catalogue;

    /**
     * @param suites the suites packets may use
     * @param opener holds the platform's encryption keys, current and past
     * @param catalogue the KPI catalogue records are checked against
     */
    public PacketVerifier(CryptoSuites suites, PacketOpener opener, KpiCatalogue catalogue) {
        this.suites = Objects.requireNonNull(suites, "suites");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /**
     * The signing keys a site's registry entry held while block {@code height} was applied: the
     * entry in force before the block and any version the block itself made. The contracts chose
     * among them transaction by transaction when they accepted the block; the platform requires the
     * packet's signer to be one of them.
     *
     * @param registry the registry after the block
     * @param submission the submission
     * @param height its block
     * @return the candidate keys, oldest first
     */
    public static List<SiteEntry> entriesDuring(SiteRegistry registry, KpiSubmission submission, long height) {
        List<SiteEntry> out = new ArrayList<>();
        registry.at(submission.siteId(), height - 1).ifPresent(out::add);
        for (SiteEntry e : registry.history(submission.siteId())) {
            if (e.sinceHeight() == height) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param submission a committed submission
     * @param siteEntries the site's registry entries in force during its block ({@link #entriesDuring})
     * @return the verified record, or the first check that failed
     */
    public VerificationOutcome verify(KpiSubmission submission, List<SiteEntry> siteEntries) {
        KpiPacket packet;
        try {
            packet = KpiPacketCodec.decode(submission.packetDer());
        } catch (BkdmsException e) {
            return new VerificationOutcome.Failed(EvidenceReason.MALFORMED_PACKET, e.getMessage());
        }
        SuitePublicKey siteKey = null;
        for (SiteEntry e : siteEntries) {
            if (e.signingKey().keyId().equals(packet.encryptedDigest().signerKeyId())) {
                siteKey = e.signingKey();
            }
        }
        if (siteKey == null) {
            return new VerificationOutcome.Failed(EvidenceReason.UNKNOWN_SIGNER_KEY, "packet signed by key "
                    + packet.encryptedDigest().signerKeyId() + ", which site " + submission.siteId()
                    + " did not hold at that height");
        }
        OpenedPacket opened;
        try {
            suites.byId(packet.suiteId());
            opened = opener.open(packet, siteKey);
        } catch (VerificationException e) {
            return new VerificationOutcome.Failed(reasonOf(e.failure()), e.getMessage());
        } catch (BkdmsException e) {
            return new VerificationOutcome.Failed(EvidenceReason.MALFORMED_RECORD, e.getMessage());
        } catch (RuntimeException e) {
            // an unknown suite id or a crypto provider refusing the ciphertext
            return new VerificationOutcome.Failed(EvidenceReason.DECRYPTION_FAILED, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        UnifiedKpiRecord record = opened.record();
        if (!record.siteId().equals(submission.siteId())) {
            return new VerificationOutcome.Failed(EvidenceReason.SITE_MISMATCH, "record names site " + record.siteId()
                    + " but was submitted by " + submission.siteId());
        }
        OptionalLong seq = record.extending().sequenceNumber();
        if (seq.isPresent() && seq.getAsLong() != submission.sequence()) {
            return new VerificationOutcome.Failed(EvidenceReason.SEQUENCE_MISMATCH, "record sequence " + seq.getAsLong()
                    + " but submission sequence " + submission.sequence());
        }
        try {
            catalogue.validate(record.kpiData());
        } catch (BkdmsException e) {
            return new VerificationOutcome.Failed(EvidenceReason.CATALOGUE_VIOLATION, e.getMessage());
        }
        return new VerificationOutcome.Verified(opened);
    }

    private static EvidenceReason reasonOf(VerificationException.Failure f) {
        return switch (f) {
            case UNSUPPORTED_SUITE -> EvidenceReason.UNSUPPORTED_SUITE;
            case UNKNOWN_RECIPIENT_KEY -> EvidenceReason.UNKNOWN_PLATFORM_KEY;
            case UNKNOWN_SIGNER_KEY -> EvidenceReason.UNKNOWN_SIGNER_KEY;
            case DECRYPTION_FAILED -> EvidenceReason.DECRYPTION_FAILED;
            case DIGEST_MISMATCH -> EvidenceReason.DIGEST_MISMATCH;
            case SIGNATURE_INVALID -> EvidenceReason.SIGNATURE_INVALID;
            case UNSALTED_RECORD -> EvidenceReason.UNSALTED_RECORD;
        };
    }
}
