package org.bkdms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.storage.KpiStorageRecord;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.platform.PlatformFixture.Db;
import org.bkdms.platform.audit.AuditReport;
import org.bkdms.platform.audit.Inconsistency;
import org.bkdms.platform.extraction.BlockExtractor;
import org.bkdms.platform.extraction.ChainFollower;
import org.bkdms.platform.query.QueryService;
import org.bkdms.platform.store.DatabaseConfig;
import org.bkdms.platform.store.PlatformStore.StoredRow;
import org.bkdms.platform.trace.Provenance;
import org.bkdms.platform.verification.EvidenceReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The platform against a real ledger node (gRPC, mutual TLS) and a real database, the same tests
 * on embedded H2 and on PostgreSQL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SmartCityPlatformTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    java.nio.file.Path dir;

    private PlatformFixture fx;
    private SmartCityPlatform platform;

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private SmartCityPlatform start(Db db) throws Exception {
        fx = new PlatformFixture(dir);
        fx.startNode();
        platform = fx.startPlatform(fx.database(db), null);
        return platform;
    }

    private void awaitHead() throws InterruptedException {
        long head = fx.node().status().height();
        ChainFollower f = platform.followers().get(PlatformFixture.CHAIN_ID);
        assertThat(f.awaitStored(head, WAIT)).as("stored up to " + head + ": " + f.status()).isTrue();
    }

    private List<StoredRow> allRows() throws Exception {
        return platform.store().rowsFrom(PlatformFixture.CHAIN_ID, 0);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void storesEveryCommittedPacketAsATable103RowThatTheChainAloneReproduces(Db db) throws Exception {
        start(db);
        try (LedgerClient a = fx.siteClient(fx.siteA); LedgerClient b = fx.siteClient(fx.siteB)) {
            for (long seq = 1; seq <= 6; seq++) {
                fx.submit(a, fx.siteA, seq);
                fx.submit(b, fx.siteB, seq);
            }
        }
        awaitHead();
        List<StoredRow> rows = allRows();
        assertThat(rows).hasSize(12).allMatch(StoredRow::verified);
        for (StoredRow r : rows) {
            Block block = fx.node().block(r.height());
            KpiStorageRecord expected = BlockExtractor.storageRecord(PlatformFixture.CHAIN_ID, block,
                    fx.node().chain().position(r.height()), r.index());
            assertThat(r.toStorageRecord()).isEqualTo(expected);
            // the data recorder points at the packet inside the block's own encoding
            byte[] encoded = block.encoded();
            byte[] slice = java.util.Arrays.copyOfRange(encoded, (int) r.dataOffset(), (int) (r.dataOffset() + r.dataLength()));
            assertThat(slice).isEqualTo(((KpiSubmission) block.transactions().get(r.index()).body()).packetDer());
        }
        assertThat(platform.store().count("kpi_observation")).isEqualTo(24);
        List<QueryService.Observation> pm10 = platform.queries().observations(new QueryService.ObservationQuery(null,
                fx.siteA.toString(), "EN: EN: AQ: 1C", null, null, null, 100, 0)).stream()
                .filter(o -> o.series().equals("pm_10")).toList();
        assertThat(pm10).extracting(QueryService.Observation::value).containsExactly("14.1", "14.2", "14.3", "14.4", "14.5",
                "14.6");
        assertThat(platform.queries().observations(new QueryService.ObservationQuery(null, null, null, null, null, null, 100, 0)))
                .filteredOn(o -> o.series().equals("pm_2.5")).allMatch(o -> o.value().equals("6.80"));
        try (Connection c = platform.store().database().connection();
             PreparedStatement s = c.prepareStatement("SELECT SUM(value_decimal) FROM kpi_observation WHERE series = 'pm_10'");
             ResultSet r = s.executeQuery()) {
            r.next();
            assertThat(r.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("172.2"));
        }
        assertThat(platform.queries().sites()).extracting(QueryService.SiteSummary::siteId)
                .containsExactlyInAnyOrder(fx.siteA.toString(), fx.siteB.toString());
        assertThat(platform.queries().kpis()).singleElement().satisfies(k -> assertThat(k.values()).isEqualTo(24));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void traceOfARealRecordShowsTheSiteTheBlockAndAVerifiedInclusionProof(Db db) throws Exception {
        start(db);
        SubmitResult committed;
        try (LedgerClient a = fx.siteClient(fx.siteA)) {
            fx.submit(a, fx.siteA, 1);
            committed = fx.submit(a, fx.siteA, 2);
            fx.submit(a, fx.siteA, 3);
        }
        awaitHead();
        String code = platform.trace().tracingCodeOf(committed.id()).orElseThrow();
        Provenance p = platform.trace().trace(code, true);
        assertThat(p.consistent()).isTrue();
        assertThat(p.proof().verified()).isTrue();
        assertThat(p.checkCode().valid()).isTrue();
        assertThat(p.height()).isEqualTo(committed.height());
        assertThat(p.index()).isEqualTo(committed.index());
        assertThat(p.site().siteId()).isEqualTo(fx.siteA.toString());
        assertThat(p.site().status()).isEqualTo("ACTIVE");
        assertThat(p.site().signingKeyId()).isEqualTo(HexFormat.of().formatHex(fx.siteAKey.keyId().bytes()));
        assertThat(p.block().hash()).isEqualTo(HexFormat.of().formatHex(fx.node().block(committed.height()).hash()));
        assertThat(p.record()).isNotNull();
        assertThat(p.record().values()).containsEntry("pm_10", "14.2");
        assertThat(platform.trace().trace(code, false).record()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void auditIsCleanOnAnUntouchedDatabaseAndNamesEveryEditedRow(Db db) throws Exception {
        start(db);
        try (LedgerClient a = fx.siteClient(fx.siteA)) {
            for (long seq = 1; seq <= 5; seq++) {
                fx.submit(a, fx.siteA, seq);
            }
        }
        awaitHead();
        AuditReport clean = platform.audit();
        assertThat(clean.inconsistencies()).isEmpty();
        assertThat(clean.chains()).singleElement().satisfies(c -> assertThat(c.rowsChecked()).isEqualTo(5));

        List<StoredRow> rows = allRows();
        try (Connection c = platform.store().database().connection()) {
            exec(c, "UPDATE kpi_storage SET city_data = ? WHERE id = ?", flip(rows.get(0).cityData()), rows.get(0).id());
            exec(c, "UPDATE kpi_storage SET check_code = ? WHERE id = ?", flip(rows.get(1).checkCode()), rows.get(1).id());
            exec(c, "UPDATE kpi_storage SET tracing_code = ? WHERE id = ?", flip(rows.get(2).tracingCode()), rows.get(2).id());
            exec(c, "DELETE FROM kpi_storage WHERE id = ?", rows.get(3).id());
        }
        AuditReport report = platform.audit();
        assertThat(report.consistent()).isFalse();
        assertThat(report.inconsistencies()).extracting(Inconsistency::kind, Inconsistency::rowId).contains(
                org.assertj.core.groups.Tuple.tuple(Inconsistency.Kind.MODIFIED_ROW, rows.get(0).id()),
                org.assertj.core.groups.Tuple.tuple(Inconsistency.Kind.MODIFIED_ROW, rows.get(1).id()),
                org.assertj.core.groups.Tuple.tuple(Inconsistency.Kind.MODIFIED_ROW, rows.get(2).id()));
        assertThat(report.inconsistencies()).filteredOn(i -> i.rowId() == rows.get(0).id()).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("city data"));
        assertThat(report.inconsistencies()).filteredOn(i -> i.rowId() == rows.get(1).id()).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("check code"));
        assertThat(report.inconsistencies()).filteredOn(i -> i.rowId() == rows.get(2).id()).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("tracing code"));
        assertThat(report.inconsistencies()).filteredOn(i -> i.kind() == Inconsistency.Kind.MISSING_ROW).singleElement()
                .satisfies(i -> assertThat(i.tracingCode()).isEqualTo(rows.get(3).tracingCodeText()));
        assertThat(report.inconsistencies()).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aPacketThatFailsAPlatformCheckIsKeptAsEvidenceAndCounted(Db db) throws Exception {
        start(db);
        // a platform key on chain whose private half is not in the platform keystore
        SuitePrivateKey stray = fx.suite.generate(KeyPurpose.ENCRYPTION);
        platform.permissions().publishPlatformKey(stray.publicKey());
        try (LedgerClient a = fx.siteClient(fx.siteA)) {
            fx.submit(a, fx.siteA, 1);
            // site A seals a record that names site B
            SubmitResult mismatch = a.submit(fx.submission(fx.siteA, 2, fx.record(fx.siteB, 2, "1.0"),
                    fx.platformKey.publicKey()));
            assertThat(mismatch.status()).isEqualTo(SubmitResult.Status.COMMITTED);
            SubmitResult unknownKey = a.submit(fx.submission(fx.siteA, 3, fx.record(fx.siteA, 3, "2.0"), stray.publicKey()));
            assertThat(unknownKey.status()).isEqualTo(SubmitResult.Status.COMMITTED);
            fx.submit(a, fx.siteA, 4);
        }
        awaitHead();
        assertThat(allRows()).hasSize(4);
        assertThat(allRows()).filteredOn(r -> !r.verified()).hasSize(2);
        assertThat(platform.store().evidenceCounts()).containsEntry(EvidenceReason.SITE_MISMATCH, 1L)
                .containsEntry(EvidenceReason.UNKNOWN_PLATFORM_KEY, 1L).containsEntry(EvidenceReason.DIGEST_MISMATCH, 0L);
        assertThat(platform.followers().get(PlatformFixture.CHAIN_ID).status().evidence())
                .containsEntry(EvidenceReason.SITE_MISMATCH, 1L);
        assertThat(platform.store().count("kpi_observation")).isEqualTo(4);
        assertThat(platform.audit().consistent()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void resumesAfterARestartWithNoRowLostOrDoubled(Db db) throws Exception {
        fx = new PlatformFixture(dir);
        fx.startNode();
        DatabaseConfig database = fx.database(db);
        platform = fx.startPlatform(database, null);
        try (LedgerClient a = fx.siteClient(fx.siteA)) {
            for (long seq = 1; seq <= 4; seq++) {
                fx.submit(a, fx.siteA, seq);
            }
            awaitHead();
            platform.close();
            platform = null;
            for (long seq = 5; seq <= 9; seq++) {
                fx.submit(a, fx.siteA, seq);
            }
        }
        platform = fx.startPlatform(database, null);
        awaitHead();
        assertThat(allRows()).hasSize(9).extracting(StoredRow::siteSequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(platform.audit().consistent()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void siteRegistrationSuspensionAndKeyRotationGoOnChainAndIntoTheRegistryHistory(Db db) throws Exception {
        start(db);
        SiteId siteC = SiteId.parse("192.0.2.9");
        SuitePrivateKey cKey = fx.suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey cKey2 = fx.suite.generate(KeyPurpose.SIGNING);
        var perms = platform.permissions();
        perms.registerSite(siteC, "Oslo noise", cKey.publicKey());
        perms.changeStatus(AdminAction.StatusChange.SUSPEND, siteC, "maintenance");
        perms.changeStatus(AdminAction.StatusChange.REINSTATE, siteC, "");
        perms.rotateSiteKey(siteC, cKey2.publicKey());
        SuitePublicKey rotated = perms.rotatePlatformKey();
        try (LedgerClient client = fx.siteClient(fx.siteA)) {
            assertThat(client.platformKeys()).extracting(k -> k.key().keyId()).contains(rotated.keyId());
            // a record encrypted to the new key, and one to the old key, both decrypt
            assertThat(client.submit(fx.submission(fx.siteA, 1, fx.record(fx.siteA, 1, "3.0"), rotated)).status())
                    .isEqualTo(SubmitResult.Status.COMMITTED);
            fx.submit(client, fx.siteA, 2);
        }
        awaitHead();
        assertThat(platform.store().siteVersions(PlatformFixture.CHAIN_ID, siteC))
                .extracting(v -> v.status()).containsExactly("ACTIVE", "SUSPENDED", "ACTIVE", "ACTIVE");
        assertThat(allRows()).hasSize(2).allMatch(StoredRow::verified);
        assertThat(platform.keys().encryptionKeys()).hasSize(2);
        try {
            perms.changeStatus(AdminAction.StatusChange.REINSTATE, siteC, "not suspended");
            org.assertj.core.api.Assertions.fail("an invalid status change must be refused");
        } catch (PlatformException e) {
            assertThat(e.kind()).isEqualTo(PlatformException.Kind.REJECTED);
        }
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[c.length - 1] ^= 0x01;
        return c;
    }

    private static void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
