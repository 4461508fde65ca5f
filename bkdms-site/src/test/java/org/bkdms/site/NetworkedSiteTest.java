package org.bkdms.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.site.block.LedgerPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A site over the network API (mutual TLS 1.3) to a node with a file block log: pipelined upload and the policy. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetworkedSiteTest {
    @TempDir
    Path dir;

    @Test
    void aNetworkedSitePipelinesItsUploadAndFollowsTheCollectionPolicyOnChain() throws Exception {
        LedgerFixture fixture = new LedgerFixture(1_000_000, SequenceRule.CONTIGUOUS);
        try (NetworkedNode net = new NetworkedNode(dir.resolve("node"), fixture, Duration.ofMillis(50));
                LedgerClient platform = net.platformClient(); LedgerClient client = net.siteClient(fixture.siteA)) {
            // the platform asks this site for two KPIs only
            var policy = new AdminAction.PublishCollectionPolicy(fixture.siteA,
                    List.of(KpiCode.parse("EC: ICT: ICT: 1C"), KpiCode.parse("EC: ICT: ICT: 2C")), 2_592_000);
            assertThat(platform.submit(fixture.admin(policy)).status()).isEqualTo(SubmitResult.Status.COMMITTED);

            SiteTestBed.copy("mapping.yaml", dir.resolve("mapping.yaml"));
            SiteTestBed.copy("inbox/statistics-2025.csv", dir.resolve("inbox/statistics-2025.csv"));
            Files.writeString(dir.resolve("site.yaml"), SiteTestBed.siteYaml("""
                    upload: { window: 8 }
                    sources:
                      - { name: files, type: folder, dir: inbox }
                    """));
            SiteConfig config = SiteConfig.read(dir.resolve("site.yaml"));
            assertThat(config.uploadWindow()).isEqualTo(8);
            LedgerPort port = LedgerPort.of(client);
            assertThat(port.collectionPolicy(fixture.siteA)).contains(policy);
            assertThat(port.sequenceRule()).isEqualTo(SequenceRule.CONTIGUOUS);
            try (SamplingSite site = SamplingSite.create(config, port, fixture.siteAKey, fixture.suites,
                    SamplingSite.collectorsOf(config), Clock.systemUTC(), List.of())) {
                // 12 months of 21 KPIs, of which the policy wants 2
                assertThat(site.collectOnce()).isEqualTo(24);
                assertThat(site.status().store().quarantineReasons()).containsEntry("NOT_IN_POLICY", 12L * 19);
                assertThat(site.uploadOnce()).isEqualTo(24);
            }
            net.node.flush();
            long[] sequences = net.node.query(s -> new long[] {s.lastSequence(fixture.siteA)});
            assertThat(sequences[0]).isEqualTo(24);
            int onChain = 0;
            for (long h = 0; h < net.node.status().height(); h++) {
                onChain += (int) net.node.block(h).transactions().stream().filter(t -> t.body() instanceof KpiSubmission).count();
            }
            assertThat(onChain).isEqualTo(24);
        }
    }
}
