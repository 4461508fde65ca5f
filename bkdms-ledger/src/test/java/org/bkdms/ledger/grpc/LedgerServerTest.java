package org.bkdms.ledger.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bkdms.core.proof.MerkleProofs;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.Span;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.blocklog.MemoryBlockLog;
import org.bkdms.ledger.consensus.SoloOrderer;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.SiteStatus;
import org.bkdms.ledger.grpc.v1.LedgerServiceGrpc;
import org.bkdms.ledger.grpc.v1.StatusRequest;
import org.bkdms.ledger.grpc.v1.SubmitRequest;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.node.NodeStatus;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.MisbehaviourReport;
import org.bkdms.ledger.tx.TxId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's network API end to end: a real node behind a real TLS server on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LedgerServerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static TestPki ca;
    private static TestPki otherCa;
    private static TestPki.Issued nodeCert;
    private static TestPki.Issued siteACert;
    private static TestPki.Issued siteBCert;
    private static TestPki.Issued platformCert;
    private static TestPki.Issued auditorCert;
    private static TestPki.Issued strangerCert;

    @TempDir
    Path dir;

    private LedgerFixture f;
    private LedgerNode node;
    private LedgerServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void pki() {
        ca = TestPki.create("BKDMS test platform CA");
        otherCa = TestPki.create("Somebody else's CA");
        nodeCert = ca.node();
        siteACert = ca.site("10.20.0.7");
        siteBCert = ca.site("2001:db8::17");
        platformCert = ca.platform();
        auditorCert = ca.auditor();
        // claims to be site A, but from a CA the node does not trust
        strangerCert = otherCa.site("10.20.0.7");
    }

    @BeforeEach
    void start() throws Exception {
        f = new LedgerFixture();
        node = LedgerNode.open(new MemoryBlockLog(), f.newState(), new SoloOrderer.Settings(LedgerFixture.CHAIN_ID,
                LedgerFixture.NODE_ID, f.node, Duration.ofMillis(50), 100, 1 << 20, Clock.systemUTC()));
        node.initialize(f.genesis());
        server = LedgerServer.newBuilder().node(node).address("127.0.0.1", 0).credentials(nodeCert.credentials())
                .shutdownTimeout(Duration.ofSeconds(2)).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.close();
        node.close();
    }

    private LedgerClient client(TestPki.Issued cert) {
        return client(cert.credentials(ca));
    }

    private LedgerClient client(TlsCredentials credentials) {
        LedgerClient c = LedgerClient.newBuilder().target("127.0.0.1", server.port()).credentials(credentials)
                .deadline(Duration.ofSeconds(10)).build();
        closeables.add(c);
        return c;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    // ------------------------------------------------------------------------------------ submissions

    @Test
    void aSiteSubmissionOverItsOwnCertificateIsCommittedWithItsHeight() {
        LedgerTransaction tx = f.submission(f.siteA, 1);
        SubmitResult r = client(siteACert).submit(tx);
        assertThat(r.status()).isEqualTo(SubmitResult.Status.COMMITTED);
        assertThat(r.id()).isEqualTo(tx.id());
        assertThat(r.height()).isGreaterThanOrEqualTo(1);
        assertThat(node.find(tx.id())).isPresent();
        // resubmitting is safe: the same bytes come back as a duplicate in the same block
        SubmitResult again = client(siteACert).submit(tx);
        assertThat(again.status()).isEqualTo(SubmitResult.Status.DUPLICATE);
        assertThat(again.height()).isEqualTo(r.height());
    }

    @Test
    void anIpv6SiteIsIdentifiedByItsAddressToo() {
        SubmitResult r = client(siteBCert).submit(f.submission(f.siteB, 1));
        assertThat(r.status()).isEqualTo(SubmitResult.Status.COMMITTED);
    }

    @Test
    void aSubmissionForAnotherSiteIsRejectedAsWrongSiteAndNeverReachesTheNode() {
        LedgerTransaction forB = f.submission(f.siteB, 1);
        SubmitResult r = client(siteACert).submit(forB);
        assertThat(r.status()).isEqualTo(SubmitResult.Status.REJECTED);
        assertThat(r.reason()).isEqualTo(RejectReason.WRONG_SITE);
        assertThat(r.message()).contains(f.siteB.toString());
        // site B's sequence number was not used up by the refused copy
        assertThat(client(siteBCert).submit(forB).status()).isEqualTo(SubmitResult.Status.COMMITTED);
    }

    @Test
    void thePlatformCannotSubmitKpiDataForASite() {
        SubmitResult r = client(platformCert).submit(f.submission(f.siteA, 1));
        assertThat(r.reason()).isEqualTo(RejectReason.WRONG_SITE);
        assertThat(node.status().pending()).isZero();
    }

    @Test
    void adminTransactionsAreAcceptedFromThePlatformOnly() {
        LedgerTransaction suspend = f.admin(new AdminAction.ChangeSiteStatus(AdminAction.StatusChange.SUSPEND, f.siteB,
                "sensor maintenance"));
        SubmitResult fromSite = client(siteACert).submit(suspend);
        assertThat(fromSite.status()).isEqualTo(SubmitResult.Status.REJECTED);
        assertThat(fromSite.reason()).isEqualTo(RejectReason.UNAUTHORIZED);
        assertThat(client(auditorCert).submit(suspend).reason()).isEqualTo(RejectReason.UNAUTHORIZED);

        SubmitResult fromPlatform = client(platformCert).submit(suspend);
        assertThat(fromPlatform.status()).isEqualTo(SubmitResult.Status.COMMITTED);
    }

    @Test
    void misbehaviourReportsAreNeverAcceptedFromClientsEvenFromANode() {
        LedgerTransaction report = LedgerTransaction.sign(new MisbehaviourReport(f.siteA, MisbehaviourReport.Kind.REPLAY,
                Instant.parse("2026-01-01T00:00:00Z"), new byte[] {1, 2, 3}), f.node);
        SubmitResult r = client(nodeCert).submit(report);
        assertThat(r.reason()).isEqualTo(RejectReason.UNAUTHORIZED);
    }

    @Test
    void malformedBytesAreRejectedAsMalformedAndTheServerKeepsServing() {
        LedgerClient site = client(siteACert);
        SubmitResult r = site.submit(new byte[] {0x30, 0x03, 0x02, 0x01});
        assertThat(r.status()).isEqualTo(SubmitResult.Status.REJECTED);
        assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(site.submit(new byte[0]).reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(site.submit(f.submission(f.siteA, 1)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
    }

    @Test
    void aRequestThatIsNotProtobufIsRefusedAndTheServerKeepsServing() throws Exception {
        TlsCredentials c = siteACert.credentials(ca);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).sslContext(c.clientContext()).build();
        // the Submit method, but with raw bytes on the wire instead of a SubmitRequest message
        io.grpc.MethodDescriptor.Marshaller<byte[]> raw = new io.grpc.MethodDescriptor.Marshaller<>() {
            @Override
            public java.io.InputStream stream(byte[] value) {
                return new java.io.ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(java.io.InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        io.grpc.MethodDescriptor<byte[], byte[]> submit = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(LedgerServiceGrpc.getSubmitMethod().getFullMethodName())
                .setRequestMarshaller(raw).setResponseMarshaller(raw).build();
        try {
            byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02};
            assertThatThrownBy(() -> io.grpc.stub.ClientCalls.blockingUnaryCall(channel, submit,
                    io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), garbage))
                    .isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> {
                        Status st = ((StatusRuntimeException) e).getStatus();
                        assertThat(st.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(st.getDescription()).startsWith("MALFORMED: ");
                    });
        } finally {
            channel.shutdownNow();
        }
        LedgerClient site = client(siteACert);
        assertThat(site.submit(f.submission(f.siteA, 1)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        assertThat(site.status().counters().rejections()).containsEntry(RejectReason.MALFORMED, 1L);
    }

    @Test
    void oversizedRequestsAreRefusedByTheTransport() throws Exception {
        TlsCredentials c = siteACert.credentials(ca);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).sslContext(c.clientContext()).build();
        try {
            assertThatThrownBy(() -> LedgerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .submit(SubmitRequest.newBuilder().setTransaction(ByteString.copyFrom(new byte[5 * 1024 * 1024])).build()))
                    .isInstanceOf(StatusRuntimeException.class)
                    .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(client(siteACert).status().height()).isEqualTo(1);
    }

    @Test
    void aStreamOfFiveHundredSubmissionsIsAnsweredInOrderAndAllCommitted() throws Exception {
        List<LedgerTransaction> txs = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            txs.add(f.submission(f.siteA, i));
        }
        List<CompletableFuture<SubmitResult>> outcomes = new ArrayList<>();
        try (StreamingSubmitter s = client(siteACert).openSubmitter()) {
            for (LedgerTransaction tx : txs) {
                outcomes.add(s.submit(tx));
            }
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long lastHeight = 0;
        for (int i = 0; i < txs.size(); i++) {
            SubmitResult r = outcomes.get(i).join();
            assertThat(r.id()).as("response %d", i).isEqualTo(txs.get(i).id());
            assertThat(r.status()).as("response %d", i).isEqualTo(SubmitResult.Status.COMMITTED);
            assertThat(r.height()).isGreaterThanOrEqualTo(lastHeight);
            lastHeight = r.height();
        }
        long last = node.query(s -> s.lastSequence(f.siteA));
        assertThat(last).isEqualTo(500);
    }

    @Test
    void aStreamCarriesRejectionsInPlaceWithoutEndingTheStream() throws Exception {
        List<CompletableFuture<SubmitResult>> outcomes = new ArrayList<>();
        try (StreamingSubmitter s = client(siteACert).openSubmitter()) {
            outcomes.add(s.submit(f.submission(f.siteA, 1)));
            outcomes.add(s.submit(f.submission(f.siteB, 1)));
            outcomes.add(s.submit(new byte[] {1, 2, 3}));
            outcomes.add(s.submit(f.submission(f.siteA, 2)));
        }
        List<SubmitResult> r = new ArrayList<>();
        for (CompletableFuture<SubmitResult> o : outcomes) {
            r.add(o.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertThat(r).extracting(SubmitResult::status).containsExactly(SubmitResult.Status.COMMITTED,
                SubmitResult.Status.REJECTED, SubmitResult.Status.REJECTED, SubmitResult.Status.COMMITTED);
        assertThat(r).extracting(SubmitResult::reason).containsExactly(null, RejectReason.WRONG_SITE, RejectReason.MALFORMED,
                null);
    }

    // ------------------------------------------------------------------------------------ TLS

    @Test
    void aClientWithACertificateFromAnotherCaFailsTheHandshake() {
        LedgerClient stranger = client(strangerCert.credentials(ca));
        assertThatThrownBy(stranger::status).isInstanceOf(LedgerUnavailableException.class);
        // and the node serves the others as before
        assertThat(client(siteACert).status().height()).isEqualTo(1);
    }

    @Test
    void aClientWithoutACertificateFailsTheHandshake() throws Exception {
        SslContext noCert = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(ca.certificate()).protocols("TLSv1.3").build();
        assertThat(rawStatusCall(noCert)).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void aTls12OnlyClientFailsTheHandshake() throws Exception {
        TlsCredentials c = siteACert.credentials(ca);
        SslContext tls12 = GrpcSslContexts.configure(SslContextBuilder.forClient()
                .keyManager(c.privateKey(), c.certificateChain().toArray(X509Certificate[]::new)), SslProvider.JDK)
                .trustManager(ca.certificate()).protocols("TLSv1.2").build();
        assertThat(rawStatusCall(tls12)).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void aClientThatDoesNotTrustTheNodesCaRefusesTheNode() {
        LedgerClient wrongTrust = client(siteACert.credentials(otherCa));
        assertThatThrownBy(wrongTrust::status).isInstanceOf(LedgerUnavailableException.class);
    }

    @Test
    void aCertificateFromTheRightCaThatNamesNoRoleIsRefused() {
        TestPki.Issued noRole = ca.issue("CN=someone,OU=guests,O=BKDMS test", List.of());
        assertThatThrownBy(() -> client(noRole).status()).isInstanceOf(LedgerAccessDeniedException.class)
                .hasMessageContaining("PERMISSION_DENIED");
    }

    @Test
    void credentialsLoadFromPkcs12AndFromPem() throws Exception {
        Path caPem = TestPki.writeCertificatesPem(dir, List.of(ca.certificate()));
        Path p12 = ca.writePkcs12(dir, siteACert, "changeit".toCharArray());
        TlsCredentials fromP12 = TlsCredentials.fromPkcs12(p12, "changeit".toCharArray(), null, caPem);
        assertThat(client(fromP12).submit(f.submission(f.siteA, 1)).status()).isEqualTo(SubmitResult.Status.COMMITTED);

        Path keyPem = TestPki.writeKeyPem(dir, siteACert);
        Path chainPem = TestPki.writeCertificatesPem(dir, List.of(siteACert.certificate(), ca.certificate()));
        TlsCredentials fromPem = TlsCredentials.fromPem(keyPem, chainPem, caPem);
        assertThat(fromPem.certificate()).isEqualTo(siteACert.certificate());
        assertThat(client(fromPem).submit(f.submission(f.siteA, 2)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        assertThat(fromPem.toString()).doesNotContain("PRIVATE");
    }

    private Status.Code rawStatusCall(SslContext context) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).sslContext(context).build();
        try {
            LedgerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .status(StatusRequest.getDefaultInstance());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------------------------ blocks

    private record Received(Block block, BlockPosition position) {
    }

    @Test
    void theBlockStreamDeliversEveryBlockInOrderWhileSubmissionsGoOn() throws Exception {
        List<LedgerTransaction> txs = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            txs.add(f.submission(f.siteA, i));
        }
        // a small client window spreads the submissions over many blocks
        LedgerClient site = LedgerClient.newBuilder().target("127.0.0.1", server.port()).credentials(siteACert.credentials(ca))
                .submitWindow(16).build();
        closeables.add(site);
        CompletableFuture<List<SubmitResult>> producer = CompletableFuture.supplyAsync(() -> {
            List<CompletableFuture<SubmitResult>> outcomes = new ArrayList<>();
            try (StreamingSubmitter s = site.openSubmitter()) {
                for (LedgerTransaction tx : txs) {
                    outcomes.add(s.submit(tx));
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return outcomes.stream().map(CompletableFuture::join).toList();
        });
        await("a few blocks", () -> node.chain().height() >= 3);

        List<Received> got = Collections.synchronizedList(new ArrayList<>());
        BlockSubscription sub = client(platformCert).blocks(0, (b, p) -> got.add(new Received(b, p)));
        List<SubmitResult> results = producer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(results).allMatch(r -> r.status() == SubmitResult.Status.COMMITTED);
        long height = node.chain().height();
        assertThat(height).isGreaterThan(5);
        await("every block", () -> got.size() >= height);

        List<Received> blocks = List.copyOf(got);
        assertThat(blocks).hasSize((int) height);
        long txCount = 0;
        for (int h = 0; h < height; h++) {
            Received r = blocks.get(h);
            assertThat(r.block().height()).isEqualTo(h);
            assertThat(r.block().hash()).isEqualTo(node.block(h).hash());
            assertThat(r.position()).isEqualTo(node.chain().position(h));
            txCount += r.block().transactions().size();
        }
        assertThat(txCount).isEqualTo(node.status().transactions());
        assertThat(sub.nextHeight()).isEqualTo(height);

        // a later block reaches a follower that is already caught up
        SubmitResult one = site.submit(f.submission(f.siteA, 201));
        await("the live block", () -> got.size() > height);
        assertThat(got.get((int) height).block().height()).isEqualTo(one.height());

        sub.close();
        sub.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aBlockStreamMayStartInTheMiddleAndBeyondTheHead() throws Exception {
        LedgerClient platform = client(platformCert);
        platform.submit(f.admin(new AdminAction.ChangeSiteStatus(AdminAction.StatusChange.SUSPEND, f.siteB, "test")));
        List<Long> heights = Collections.synchronizedList(new ArrayList<>());
        BlockSubscription sub = platform.blocks(1, (b, p) -> heights.add(b.height()));
        BlockSubscription ahead = client(auditorCert).blocks(3, (b, p) -> heights.add(100 + b.height()));
        await("block 1", () -> heights.contains(1L));
        platform.submit(f.admin(new AdminAction.ChangeSiteStatus(AdminAction.StatusChange.REINSTATE, f.siteB, "test")));
        client(siteACert).submit(f.submission(f.siteA, 1));
        await("block 3 on both", () -> heights.contains(3L) && heights.contains(103L));
        assertThat(heights).doesNotContain(0L, 101L, 102L);
        sub.close();
        ahead.close();
    }

    @Test
    void sitesMayNotFollowTheBlocks() {
        BlockSubscription sub = client(siteACert).blocks(0, (b, p) -> { });
        assertThat(sub.completion()).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(LedgerAccessDeniedException.class);
    }

    @Test
    void closingTheServerEndsBlockStreamsAsUnavailableWithoutWaitingForTheTimeout() throws Exception {
        BlockSubscription sub = client(auditorCert).blocks(0, (b, p) -> { });
        await("genesis", () -> sub.nextHeight() == 1);
        long t0 = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(sub.completion()).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(LedgerUnavailableException.class);
    }

    // ------------------------------------------------------------------------------------ queries

    @Test
    void aTransactionComesWithAProofThatVerifiesAndItsPacketLiesWhereItSays() throws Exception {
        LedgerTransaction tx = f.submission(f.siteA, 1);
        client(siteACert).submit(f.submission(f.siteA, 0));
        SubmitResult committed = client(siteACert).submit(tx);
        LedgerClient platform = client(platformCert);

        ProvenTransaction p = platform.getTransaction(tx.id()).orElseThrow();
        assertThat(p.transaction().encoded()).isEqualTo(tx.encoded());
        assertThat(p.location().height()).isEqualTo(committed.height());
        assertThat(p.location().index()).isEqualTo(committed.index());
        assertThat(p.header().height()).isEqualTo(committed.height());
        assertThat(MerkleProofs.verifyInclusion(MerkleTree.leafHash(tx.encoded()), p.proof(), p.header().merkleRoot())).isTrue();
        assertThat(p.location().block()).isEqualTo(node.chain().position(committed.height()));

        // the block as the stream delivers it: the spans address the transaction and its packet
        CompletableFuture<Block> first = new CompletableFuture<>();
        BlockSubscription sub = platform.blocks(committed.height(), (b, pos) -> first.complete(b));
        try {
            byte[] block = first.get(WAIT.toSeconds(), TimeUnit.SECONDS).encoded();
            Span packet = p.location().packetSpan().orElseThrow();
            assertThat(Arrays.copyOfRange(block, packet.offset(), packet.offset() + packet.length()))
                    .isEqualTo(((KpiSubmission) tx.body()).packetDer());
            Span t = p.location().tx();
            assertThat(Arrays.copyOfRange(block, t.offset(), t.offset() + t.length())).isEqualTo(tx.encoded());
        } finally {
            sub.close();
        }

        // genesis admin transactions have no packet
        TxId genesisTx = node.block(0).transactions().get(1).id();
        assertThat(platform.getTransaction(genesisTx).orElseThrow().location().packetSpan()).isEmpty();
    }

    @Test
    void aSiteSeesOnlyItsOwnTransactionsAndUnknownOnesAreEmpty() {
        LedgerTransaction a = f.submission(f.siteA, 1);
        client(siteACert).submit(a);
        assertThat(client(siteACert).getTransaction(a.id())).isPresent();
        assertThat(client(siteBCert).getTransaction(a.id())).isEmpty();
        assertThat(client(auditorCert).getTransaction(a.id())).isPresent();
        assertThat(client(platformCert).getTransaction(TxId.of(new byte[] {42}))).isEmpty();
    }

    @Test
    void siteStateAnswersForAnOldHeightAndForNowAfterASuspension() {
        client(siteBCert).submit(f.submission(f.siteB, 7));
        SubmitResult suspended = client(platformCert).submit(f.admin(new AdminAction.ChangeSiteStatus(
                AdminAction.StatusChange.SUSPEND, f.siteB, "sensor maintenance")));
        long h = suspended.height();

        SiteState before = client(auditorCert).siteState(f.siteB, h - 1);
        assertThat(before.entry().orElseThrow().status()).isEqualTo(SiteStatus.ACTIVE);
        assertThat(before.entry().orElseThrow().sinceHeight()).isZero();
        assertThat(before.entry().orElseThrow().name()).isEqualTo("Hangzhou air quality");
        assertThat(before.entry().orElseThrow().signingKey().keyId()).isEqualTo(f.siteBKey.publicKey().keyId());
        assertThat(before.lastSequence()).isEmpty();

        SiteState now = client(siteACert).siteState(f.siteB);
        assertThat(now.entry().orElseThrow().status()).isEqualTo(SiteStatus.SUSPENDED);
        assertThat(now.entry().orElseThrow().sinceHeight()).isEqualTo(h);
        assertThat(now.entry().orElseThrow().reason()).isEqualTo("sensor maintenance");
        assertThat(now.lastSequence()).hasValue(7);
        assertThat(now.misbehaviourCount()).hasValue(0);

        assertThat(client(siteBCert).submit(f.submission(f.siteB, 8)).reason()).isEqualTo(RejectReason.SITE_SUSPENDED);
        assertThat(client(platformCert).siteState(SiteId.parse("192.0.2.1")).registered()).isFalse();
        assertThatThrownBy(() -> client(platformCert).siteState(f.siteB, h + 100)).isInstanceOf(LedgerException.class)
                .extracting(e -> ((LedgerException) e).code()).isEqualTo(Status.Code.OUT_OF_RANGE);
    }

    @Test
    void aSiteReadsThePlatformKeysAndTheContractParameters() {
        LedgerClient site = client(siteACert);
        List<PlatformKeyEntry> keys = site.platformKeys();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).key().keyId()).isEqualTo(f.platform.publicKey().keyId());
        assertThat(keys.get(0).key().subjectPublicKeyInfo()).isEqualTo(f.platform.publicKey().subjectPublicKeyInfo());
        assertThat(keys.get(0).sinceHeight()).isZero();
        assertThat(site.platformKeys(0)).hasSize(1);

        assertThat(site.contractConfig()).contains(new AdminAction.DeployContracts(1, 64 * 1024, f.rateLimit, 60, 3,
                List.of(1, 2)));
        assertThat(site.contractConfig(0)).isEqualTo(site.contractConfig());
    }

    @Test
    void theCollectionPolicyIsServedToThePlatformAndToTheSiteItselfOnly() throws Exception {
        var policy = new AdminAction.PublishCollectionPolicy(f.siteA,
                List.of(org.bkdms.core.kpi.KpiCode.parse("EN: EN: AQ: 1C"), org.bkdms.core.kpi.KpiCode.parse("EC: ICT: ICT: 1C")),
                3600);
        assertThat(client(siteACert).collectionPolicy(f.siteA)).isEmpty();
        assertThat(client(platformCert).submit(f.admin(policy)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        long published = node.chain().height() - 1;

        assertThat(client(siteACert).collectionPolicy(f.siteA)).contains(policy);
        assertThat(client(platformCert).collectionPolicy(f.siteA)).contains(policy);
        assertThat(client(platformCert).collectionPolicy(f.siteA, published - 1)).isEmpty();
        assertThat(client(platformCert).collectionPolicy(f.siteA, published)).contains(policy);
        assertThat(client(platformCert).collectionPolicy(f.siteB)).isEmpty();
        // another site's policy is not a site's business; auditors read blocks instead
        assertThatThrownBy(() -> client(siteBCert).collectionPolicy(f.siteA)).isInstanceOf(LedgerAccessDeniedException.class);
        assertThatThrownBy(() -> client(auditorCert).collectionPolicy(f.siteA)).isInstanceOf(LedgerAccessDeniedException.class);
    }

    @Test
    void theContractConfigCarriesTheSequenceRule() {
        assertThat(client(siteACert).contractConfig().orElseThrow().sequenceRule())
                .isEqualTo(org.bkdms.ledger.tx.SequenceRule.INCREASING);
        var contiguous = new AdminAction.DeployContracts(2, 64 * 1024, f.rateLimit, 60, 3, List.of(1, 2),
                org.bkdms.ledger.tx.SequenceRule.CONTIGUOUS);
        assertThat(client(platformCert).submit(f.admin(contiguous)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
        assertThat(client(siteACert).contractConfig()).contains(contiguous);
        // a gap is answered as such over the wire, and the next number goes through
        LedgerClient site = client(siteACert);
        assertThat(site.submit(f.submission(f.siteA, 2)).reason()).isEqualTo(RejectReason.SEQUENCE_GAP);
        assertThat(site.submit(f.submission(f.siteA, 1)).status()).isEqualTo(SubmitResult.Status.COMMITTED);
    }

    @Test
    void statusCountsRejectionsByReasonIncludingThoseOfTheTransport() {
        LedgerClient siteA = client(siteACert);
        LedgerTransaction first = f.submission(f.siteA, 1);
        siteA.submit(first);
        siteA.submit(f.submission(f.siteB, 1));
        client(platformCert).submit(f.submission(f.siteA, 2));
        siteA.submit(f.admin(new AdminAction.ChangeSiteStatus(AdminAction.StatusChange.SUSPEND, f.siteB, "x")));
        siteA.submit(new byte[] {5});
        siteA.submit(first);

        NodeStatus s = client(auditorCert).status();
        assertThat(s.chainId()).isEqualTo(LedgerFixture.CHAIN_ID);
        assertThat(s.height()).isEqualTo(node.chain().height());
        assertThat(s.transactions()).isEqualTo(5 + 1);
        assertThat(s.counters().committed()).isEqualTo(1);
        assertThat(s.counters().duplicates()).isEqualTo(1);
        assertThat(s.counters().rejections()).containsEntry(RejectReason.WRONG_SITE, 2L)
                .containsEntry(RejectReason.UNAUTHORIZED, 1L).containsEntry(RejectReason.MALFORMED, 1L).hasSize(3);
    }
}
