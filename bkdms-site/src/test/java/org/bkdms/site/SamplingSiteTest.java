package org.bkdms.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.bkdms.core.packet.PacketOpener;
import org.bkdms.core.proof.InclusionProofCodec;
import org.bkdms.core.proof.MerkleProofs;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.grpc.LedgerUnavailableException;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.tx.TxId;
import org.bkdms.site.block.LedgerPort;
import org.bkdms.site.storage.Confirmation;
import org.bkdms.site.storage.QuarantinedRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SamplingSiteTest {
    /** 12 months of 21 KPIs from the statistics export, and 3 days of consolidated air quality. */
    private static final int SAMPLE_RECORDS = 12 * 21 + 3;

    @TempDir
    Path dir;
    private SiteTestBed bed;

    @BeforeEach
    void setUp() throws Exception {
        bed = new SiteTestBed(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private void dropSample() throws Exception {
        SiteTestBed.copy("inbox/statistics-2025.csv", dir.resolve("inbox/statistics-2025.csv"));
        SiteTestBed.copy("inbox/air-quality-2025-01.csv", dir.resolve("inbox/air-quality-2025-01.csv"));
    }

    @Test
    void theSampleDataReachesTheChainOnceEachInSequenceWithVerifiedProofs() throws Exception {
        dropSample();
        try (SamplingSite site = bed.site(bed.port())) {
            assertThat(site.collectOnce()).isEqualTo(SAMPLE_RECORDS);
            assertThat(site.status().store().pending()).isEqualTo(SAMPLE_RECORDS);
            assertThat(site.uploadOnce()).isEqualTo(SAMPLE_RECORDS);
            var status = site.status().store();
            assertThat(status.pending()).isZero();
            assertThat(status.lastConfirmedSequence()).isEqualTo(SAMPLE_RECORDS);
            assertThat(status.quarantined()).isZero();
            // each stored proof leads from the transaction to its block header's Merkle root
            for (long seq : new long[] {1, SAMPLE_RECORDS / 2, SAMPLE_RECORDS}) {
                Confirmation c = site.store().confirmationOf(seq).orElseThrow();
                ProvenTransaction p = bed.node.proven(onChainId(seq)).orElseThrow();
                assertThat(MerkleProofs.verifyInclusion(MerkleTree.leafHash(p.transaction().encoded()),
                        InclusionProofCodec.decode(c.inclusionProof()), BlockHeader.decode(c.blockHeader()).merkleRoot()))
                        .isTrue();
            }
        }
        assertThat(bed.sequencesOnChain()).isEqualTo(exactlyOnce(SAMPLE_RECORDS));
        assertThat(Files.list(dir.resolve("inbox")).filter(Files::isRegularFile)).isEmpty();
        assertThat(Files.list(dir.resolve("done"))).hasSize(2);
    }

    private TxId onChainId(long seq) throws Exception {
        for (long h = 0; h < bed.node.status().height(); h++) {
            for (var tx : bed.node.block(h).transactions()) {
                if (tx.body() instanceof org.bkdms.ledger.tx.KpiSubmission s && s.sequence() == seq) {
                    return tx.id();
                }
            }
        }
        throw new AssertionError("sequence " + seq + " not on chain");
    }

    private static Map<Long, Integer> exactlyOnce(long n) {
        return LongStream.rangeClosed(1, n).boxed().collect(java.util.stream.Collectors.toMap(s -> s, s -> 1));
    }

    @Test
    void recordsOnChainDecryptToTheConvertedCatalogueUnits() throws Exception {
        dropSample();
        try (SamplingSite site = bed.site(bed.port())) {
            site.collectOnce();
            site.uploadOnce();
        }
        PacketOpener opener = new PacketOpener(bed.fixture.suites, List.of(bed.fixture.platform));
        boolean sawWater = false;
        for (var s : bed.submissions()) {
            var record = opener.open(org.bkdms.core.packet.KpiPacketCodec.decode(s.packetDer()), bed.fixture.siteAKey.publicKey())
                    .record();
            assertThat(record.extending().sequenceNumber()).hasValue(s.sequence());
            if (record.kpiData().code().canonical().equals("EN: EN: WS: 2C")) {
                sawWater = true;
                // the source gives m3/capita/month; the catalogue wants L/capita/d, about 155..175
                var v = ((org.bkdms.core.kpi.KpiValue.Decimal) record.kpiData().values().get("value")).value();
                assertThat(v.doubleValue()).isBetween(150.0, 180.0);
                assertThat(record.kpiData().unit()).isEqualTo("L/capita/d");
            }
        }
        assertThat(sawWater).isTrue();
    }

    @Test
    void lostRepliesAndOutagesDoNotDuplicateOrSkipAnySequence() throws Exception {
        dropSample();
        LedgerPort real = bed.port();
        AtomicInteger calls = new AtomicInteger();
        // every third submission commits but its reply is lost; every fifth call finds the platform down
        LedgerPort flaky = new LedgerPort() {
            @Override
            public SubmitResult submit(byte[] transaction) {
                int n = calls.incrementAndGet();
                if (n % 5 == 0) {
                    throw new LedgerUnavailableException("injected outage", null, null);
                }
                SubmitResult r = real.submit(transaction);
                if (n % 3 == 0) {
                    throw new LedgerUnavailableException("injected lost reply", null, null);
                }
                return r;
            }

            @Override
            public Optional<ProvenTransaction> transaction(TxId id) {
                return real.transaction(id);
            }

            @Override
            public List<PlatformKeyEntry> platformKeys() {
                return real.platformKeys();
            }

            @Override
            public OptionalLong lastSequence(org.bkdms.core.record.SiteId site) {
                return real.lastSequence(site);
            }
        };
        try (SamplingSite site = bed.site(flaky)) {
            site.collectOnce();
            assertThat(site.uploadOnce()).isEqualTo(SAMPLE_RECORDS);
        }
        assertThat(calls.get()).isGreaterThan(SAMPLE_RECORDS);
        assertThat(bed.sequencesOnChain()).isEqualTo(exactlyOnce(SAMPLE_RECORDS));
    }

    @Test
    void aRestartedSiteResumesFromItsOutboxAndNeverReadsAFileTwice() throws Exception {
        dropSample();
        try (SamplingSite site = bed.site(bed.port())) {
            site.collectOnce();
        }
        // the same content dropped again under another name is recognised and set aside unread
        SiteTestBed.copy("inbox/statistics-2025.csv", dir.resolve("inbox/statistics-again.csv"));
        try (SamplingSite site = bed.site(bed.port())) {
            assertThat(site.collectOnce()).isZero();
            assertThat(site.uploadOnce()).isEqualTo(SAMPLE_RECORDS);
        }
        assertThat(bed.sequencesOnChain()).isEqualTo(exactlyOnce(SAMPLE_RECORDS));
        assertThat(Files.exists(dir.resolve("done/statistics-again.csv"))).isTrue();
    }

    @Test
    void malformedAndOutOfRangeRowsLandInQuarantineWithReasonsAndGoodRowsStillGoOut() throws Exception {
        Files.writeString(dir.resolve("inbox/bad.csv"), """
                time,kpi,value,unit
                2025-01,EC: ICT: ICT: 1C,97.5,%
                2025-01,EC: ICT: ICT: 2C,140,%
                2025-02,EC: ICT: ICT: 1C,lots,%
                2025-13,EC: ICT: ICT: 1C,50,%
                2025-03,EC: ICT: ICT: 99C,50,%
                2025-03,EN: EN: WS: 2C,12,kg
                2025-03,EN: EN: WS: 2C,12,furlongs
                2025-04,EC: ICT: ICT: 1C,96,%,extra
                2025-05,EC: ICT: ICT: 1C,95.5,%
                """);
        try (SamplingSite site = bed.site(bed.port())) {
            assertThat(site.collectOnce()).isEqualTo(2);
            assertThat(site.uploadOnce()).isEqualTo(2);
            var status = site.status().store();
            assertThat(status.quarantined()).isEqualTo(7);
            assertThat(status.quarantineReasons()).containsEntry("VALUE_OUT_OF_RANGE", 1L)
                    .containsEntry("MALFORMED_VALUE", 1L).containsEntry("MALFORMED_TIME", 1L)
                    .containsEntry("UNKNOWN_KPI_CODE", 1L).containsEntry("UNIT_MISMATCH", 2L)
                    .containsEntry("MALFORMED_ROW", 1L);
            List<QuarantinedRow> rows = site.store().quarantined(false);
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.reference()).startsWith("bad.csv:3");
                assertThat(r.reason()).contains("140").contains("[0, 100]");
            });
            assertThat(site.store().release(rows.get(0).id(), java.time.Instant.now())).isTrue();
            assertThat(site.status().store().quarantined()).isEqualTo(6);
        }
        assertThat(bed.sequencesOnChain()).isEqualTo(exactlyOnce(2));
    }

    @Test
    void runningInTheBackgroundUploadsWhatIsDroppedIn() throws Exception {
        try (SamplingSite site = bed.site(bed.port())) {
            site.start();
            dropSample();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (site.status().store().lastConfirmedSequence() < SAMPLE_RECORDS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(site.status().store().lastConfirmedSequence()).isEqualTo(SAMPLE_RECORDS);
        }
        assertThat(bed.sequencesOnChain()).isEqualTo(exactlyOnce(SAMPLE_RECORDS));
    }

    private static org.bkdms.core.crypto.KeyId packetKeyId(org.bkdms.ledger.tx.KpiSubmission s) {
        return org.bkdms.core.packet.KpiPacketCodec.decode(s.packetDer()).encryptedKpiData().recipientKeyId();
    }

    @Test
    void aPlatformKeyRotationOnChainIsFollowedForNewRecords() throws Exception {
        Files.writeString(dir.resolve("inbox/one.csv"), "time,kpi,value,unit\n2025-01,EC: ICT: ICT: 1C,97,%\n");
        var oldKey = bed.fixture.platform.publicKey();
        var newKey = bed.fixture.suite.generate(org.bkdms.core.crypto.KeyPurpose.ENCRYPTION);
        try (SamplingSite site = bed.site(bed.port())) {
            site.collectOnce();
            site.uploadOnce();
            var rotate = bed.fixture.admin(new org.bkdms.ledger.tx.AdminAction.PublishPlatformKey(
                    bed.fixture.suite.id(), newKey.publicKey().subjectPublicKeyInfo()));
            assertThat(bed.node.submit(rotate).get(10, TimeUnit.SECONDS).onChain()).isTrue();
            Files.writeString(dir.resolve("inbox/two.csv"), "time,kpi,value,unit\n2025-02,EC: ICT: ICT: 1C,96,%\n");
            site.collectOnce();
            site.uploadOnce();
        }
        var subs = bed.submissions();
        assertThat(subs).extracting(SamplingSiteTest::packetKeyId).containsExactly(oldKey.keyId(), newKey.publicKey().keyId());
        assertThat(bed.sequencesOnChain()).isEqualTo(exactlyOnce(2));
    }

    @Test
    void aPacketRefusedForAnUnknownPlatformKeyIsSealedAgainUnderTheSameSequence() throws Exception {
        // the first read of the key directory comes from a stale source naming a key the chain never had
        var stranger = bed.fixture.suite.generate(org.bkdms.core.crypto.KeyPurpose.ENCRYPTION).publicKey();
        LedgerPort real = bed.port();
        AtomicInteger reads = new AtomicInteger();
        LedgerPort stale = new LedgerPort() {
            @Override
            public SubmitResult submit(byte[] transaction) {
                return real.submit(transaction);
            }

            @Override
            public Optional<ProvenTransaction> transaction(TxId id) {
                return real.transaction(id);
            }

            @Override
            public List<PlatformKeyEntry> platformKeys() {
                return reads.getAndIncrement() == 0 ? List.of(new PlatformKeyEntry(stranger, 0)) : real.platformKeys();
            }

            @Override
            public OptionalLong lastSequence(org.bkdms.core.record.SiteId site) {
                return real.lastSequence(site);
            }
        };
        Files.writeString(dir.resolve("inbox/one.csv"), "time,kpi,value,unit\n2025-01,EC: ICT: ICT: 1C,97,%\n"
                + "2025-02,EC: ICT: ICT: 1C,96,%\n");
        try (SamplingSite site = bed.site(stale)) {
            assertThat(site.collectOnce()).isEqualTo(2);
            assertThat(site.uploadOnce()).isEqualTo(2);
        }
        assertThat(bed.submissions()).extracting(SamplingSiteTest::packetKeyId)
                .containsOnly(bed.fixture.platform.publicKey().keyId());
        assertThat(bed.sequencesOnChain()).isEqualTo(exactlyOnce(2));
    }
}
