package org.bkdms.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiUnit;
import org.bkdms.core.kpi.KpiValue;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.record.City;
import org.bkdms.core.record.CityCodingScheme;
import org.bkdms.core.record.CountryRegion;
import org.bkdms.core.record.Extending;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * A small world for ledger tests: an admin key, a node key, a platform encryption key and sites,
 * with genesis transactions that establish the chain, deploy the contracts, publish the platform key
 * and register the sites.
 */
public final class LedgerFixture {
    /** The chain id used by the fixture. */
    public static final String CHAIN_ID = "bkdms://test-chain";
    /** The fixture's node id. */
    public static final String NODE_ID = "node-1";

    /** The crypto suites every party uses. */
    public final CryptoSuites suites = CryptoSuites.standard();
    /** The default suite, in which every fixture key is made. */
    public final CryptoSuite suite = suites.defaultSuite();
    /** The U4SSC catalogue the contracts check KPI codes against. */
    public final KpiCatalogue catalogue = KpiCatalogue.u4ssc();
    /** The platform's admin signing key, which signs the genesis. */
    public final SuitePrivateKey admin = suite.generate(KeyPurpose.SIGNING);
    /** The node's block signing key. */
    public final SuitePrivateKey node = suite.generate(KeyPurpose.SIGNING);
    /** The platform's encryption key, published in the key directory. */
    public final SuitePrivateKey platform = suite.generate(KeyPurpose.ENCRYPTION);
    /** A registered site with an IPv4 Site ID. */
    public final SiteId siteA = SiteId.parse("10.20.0.7");
    /** A registered site with an IPv6 Site ID. */
    public final SiteId siteB = SiteId.parse("2001:db8::17");
    /** Site A's signing key. */
    public final SuitePrivateKey siteAKey = suite.generate(KeyPurpose.SIGNING);
    /** Site B's signing key. */
    public final SuitePrivateKey siteBKey = suite.generate(KeyPurpose.SIGNING);
    private final AtomicLong nonce = new AtomicLong();
    /** Rate limit the fixture deploys: submissions per window. */
    public final long rateLimit;
    /** Sequence rule the fixture deploys. */
    public final SequenceRule sequenceRule;

    /** A fixture with a generous rate limit. */
    public LedgerFixture() {
        this(1000);
    }

    /** @param rateLimit submissions per site per 60 s window */
    public LedgerFixture(long rateLimit) {
        this(rateLimit, SequenceRule.INCREASING);
    }

    /**
     * @param rateLimit submissions per site per 60 s window
     * @param sequenceRule the sequence rule the genesis deploys
     */
    public LedgerFixture(long rateLimit, SequenceRule sequenceRule) {
        this.rateLimit = rateLimit;
        this.sequenceRule = sequenceRule;
    }

    /** @return a fresh, empty contract state */
    public ContractState newState() {
        return new ContractState(suites, catalogue);
    }

    /** @return establish, deploy (threshold 3, the fixture's rate limit and sequence rule), publish the platform key, register site A and B */
    public List<LedgerTransaction> genesis() {
        List<LedgerTransaction> txs = GenesisBuilder.signedBy(admin).issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .node(NODE_ID, node.publicKey())
                .contracts(new AdminAction.DeployContracts(1, 64 * 1024, rateLimit, 60, 3, List.of(1, 2), sequenceRule))
                .platformKey(platform.publicKey())
                .site(siteA, "Trondheim air quality", siteAKey.publicKey())
                .site(siteB, "Hangzhou air quality", siteBKey.publicKey())
                .build();
        nonce.set(txs.size());
        return txs;
    }

    /**
     * @param action an admin action
     * @return it, signed by the admin key with the next nonce
     */
    public LedgerTransaction admin(AdminAction action) {
        return LedgerTransaction.sign(new AdminTransaction(nonce.incrementAndGet(), Instant.parse("2026-01-01T00:00:00Z"),
                action), admin);
    }

    /**
     * @param site the site
     * @param sequence its sequence number
     * @return a record of that site, sealed into a packet, in a submission signed by the site's key
     */
    public LedgerTransaction submission(SiteId site, long sequence) {
        SuitePrivateKey key = site.equals(siteA) ? siteAKey : siteBKey;
        return LedgerTransaction.sign(submissionBody(site, sequence, key), key);
    }

    /**
     * @param site the site
     * @param sequence its sequence number
     * @param packetKey the key that seals (signs) the packet
     * @return the unsigned submission body
     */
    public KpiSubmission submissionBody(SiteId site, long sequence, SuitePrivateKey packetKey) {
        return submissionBody(site, sequence, packetKey, platform.publicKey());
    }

    /**
     * @param site the site
     * @param sequence its sequence number
     * @param packetKey the key that seals (signs) the packet
     * @param platformKey the key the packet is encrypted to
     * @return the unsigned submission body
     */
    public KpiSubmission submissionBody(SiteId site, long sequence, SuitePrivateKey packetKey,
            org.bkdms.core.crypto.SuitePublicKey platformKey) {
        UnifiedKpiRecord record = new UnifiedKpiRecord(CountryRegion.of(578), new City(CityCodingScheme.UN_LOCODE, "NOTRD"),
                site, Instant.parse("2025-06-30T12:00:00Z").plusSeconds(sequence),
                KpiData.of(KpiCode.parse("EN: EN: AQ: 1C"), KpiUnit.MICROGRAM_PER_M3,
                        Map.of("pm_10", KpiValue.of("14.2"), "pm_2.5", KpiValue.of("6.8"))),
                Extending.empty().withSequenceNumber(sequence));
        byte[] packet = new PacketSealer(platformKey, packetKey).seal(record).encoded();
        return new KpiSubmission(site, sequence, Instant.parse("2025-06-30T12:00:01Z").plusSeconds(sequence), packet);
    }

    /** A clock that tests move by hand. */
    public static final class TestClock extends Clock {
        private Instant now;

        /** @param start the first instant */
        public TestClock(Instant start) {
            this.now = start;
        }

        /** @param d how far to move */
        public synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
