package org.bkdms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.grpc.LedgerServer;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.platform.store.PlatformStore.StoredRow;
import org.bkdms.platform.store.TracingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One platform following two blockchain platforms, each identified by its Chain ID. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultiChainTest {
    private static final String OTHER = "bkdms://127.0.0.2/other-city";

    @TempDir
    Path dir;

    @Test
    void recordsOfTwoChainsAreStoredTracedAndAuditedApartUnderTheirChainIds() throws Exception {
        try (PlatformFixture fx = new PlatformFixture(dir)) {
            fx.startNode();
            Map.Entry<LedgerNode, LedgerServer> other = fx.startOtherChain(OTHER, dir.resolve("node-other"));
            try {
                PlatformConfig config = new PlatformConfig(fx.platformKeystore, fx.caPem, dir.resolve("data"), null,
                        List.of(new PlatformConfig.Ledger(PlatformFixture.CHAIN_ID, "127.0.0.1:" + fx.port(), null),
                                new PlatformConfig.Ledger(OTHER, "127.0.0.1:" + other.getValue().port(), null)), null, 8);
                try (SmartCityPlatform platform = SmartCityPlatform.newBuilder().config(config)
                        .password(PlatformFixture.PASSWORD).database(fx.database(PlatformFixture.Db.H2)).start()) {
                    SubmitResult here;
                    SubmitResult there;
                    try (LedgerClient a = fx.siteClient(fx.siteA); LedgerClient b = fx.siteClient(fx.siteA,
                            other.getValue().port())) {
                        here = fx.submit(a, fx.siteA, 1);
                        there = fx.submit(b, fx.siteA, 1);
                    }
                    // the same site, sequence and position on both chains: only the chain tells the records apart
                    assertThat(platform.followers().get(PlatformFixture.CHAIN_ID).awaitStored(fx.node().status().height(),
                            Duration.ofSeconds(30))).isTrue();
                    assertThat(platform.followers().get(OTHER).awaitStored(other.getKey().status().height(),
                            Duration.ofSeconds(30))).isTrue();
                    List<StoredRow> a = platform.store().rowsFrom(PlatformFixture.CHAIN_ID, 0);
                    List<StoredRow> b = platform.store().rowsFrom(OTHER, 0);
                    assertThat(a).hasSize(1);
                    assertThat(b).hasSize(1);
                    assertThat(TracingCode.decode(a.get(0).tracingCode()).belongsTo(PlatformFixture.CHAIN_ID)).isTrue();
                    assertThat(TracingCode.decode(b.get(0).tracingCode()).belongsTo(OTHER)).isTrue();
                    assertThat(platform.trace().trace(platform.trace().tracingCodeOf(here.id()).orElseThrow(), false)
                            .chainId()).isEqualTo(PlatformFixture.CHAIN_ID);
                    var traced = platform.trace().trace(platform.trace().tracingCodeOf(there.id()).orElseThrow(), false);
                    assertThat(traced.chainId()).isEqualTo(OTHER);
                    assertThat(traced.consistent()).isTrue();
                    var report = platform.audit();
                    assertThat(report.consistent()).isTrue();
                    assertThat(report.chains()).hasSize(2);
                }
            } finally {
                other.getValue().close();
                other.getKey().close();
            }
        }
    }
}
