package org.bkdms.platform.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.platform.PlatformFixture;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.audit.AuditReport;
import org.bkdms.platform.audit.Inconsistency;
import org.bkdms.platform.store.DatabaseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How extraction behaves when its node goes away, and when a node serves a different chain under the same id. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChainFollowerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aNodeThatRestartsIsFollowedAgainFromTheNextHeightWithNothingLostOrDoubled() throws Exception {
        try (PlatformFixture fx = new PlatformFixture(dir)) {
            int port = fx.startNode();
            try (SmartCityPlatform platform = fx.startPlatform(fx.database(PlatformFixture.Db.H2), null)) {
                ChainFollower f = platform.followers().get(PlatformFixture.CHAIN_ID);
                try (LedgerClient a = fx.siteClient(fx.siteA)) {
                    fx.submit(a, fx.siteA, 1);
                    fx.submit(a, fx.siteA, 2);
                }
                assertThat(f.awaitStored(fx.node().status().height(), WAIT)).isTrue();
                fx.stopNode();
                fx.startNode(port);
                try (LedgerClient a = fx.siteClient(fx.siteA)) {
                    fx.submit(a, fx.siteA, 3);
                    fx.submit(a, fx.siteA, 4);
                }
                assertThat(f.awaitStored(fx.node().status().height(), WAIT)).as(f.status().toString()).isTrue();
                assertThat(platform.store().rowsFrom(PlatformFixture.CHAIN_ID, 0)).hasSize(4);
                assertThat(f.status().running()).isTrue();
                assertThat(platform.audit().consistent()).isTrue();
            }
        }
    }

    @Test
    void aDifferentChainUnderTheSameIdHaltsExtractionAndTheAuditReportsIt() throws Exception {
        DatabaseConfig db;
        long storedHeight;
        try (PlatformFixture first = new PlatformFixture(java.nio.file.Files.createDirectories(dir.resolve("first")))) {
            first.startNode();
            db = first.database(PlatformFixture.Db.H2);
            try (SmartCityPlatform platform = first.startPlatform(db, null);
                 LedgerClient a = first.siteClient(first.siteA)) {
                fx(first, a, 3);
                storedHeight = first.node().status().height();
                assertThat(platform.followers().get(PlatformFixture.CHAIN_ID).awaitStored(storedHeight, WAIT)).isTrue();
            }
        }
        try (PlatformFixture other = new PlatformFixture(java.nio.file.Files.createDirectories(dir.resolve("other")))) {
            other.startNode();
            try (LedgerClient a = other.siteClient(other.siteA)) {
                fx(other, a, 6);
            }
            assertThat(other.node().status().height()).isGreaterThanOrEqualTo(storedHeight);
            try (SmartCityPlatform platform = other.startPlatform(db, null)) {
                ChainFollower f = platform.followers().get(PlatformFixture.CHAIN_ID);
                assertThat(f.awaitStored(other.node().status().height(), Duration.ofSeconds(10))).isFalse();
                assertThat(f.status().halted()).get().asString().contains("differs from the block the platform stored");
                AuditReport report = platform.audit();
                assertThat(report.consistent()).isFalse();
                assertThat(report.inconsistencies()).extracting(Inconsistency::kind).contains(Inconsistency.Kind.BLOCK_MISMATCH);
            }
        }
    }

    private static void fx(PlatformFixture f, LedgerClient client, int n) {
        for (long seq = 1; seq <= n; seq++) {
            f.submit(client, f.siteA, seq);
        }
    }
}
