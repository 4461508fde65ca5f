package org.bkdms.ledger.grpc;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.proof.InclusionProof;
import org.bkdms.core.proof.InclusionProofCodec;
import org.bkdms.core.proof.MerkleProofs;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.block.Span;
import org.bkdms.ledger.blocklog.BlockPosition;
import org.bkdms.ledger.chain.BlockListener;
import org.bkdms.ledger.chain.TxLocation;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.SiteEntry;
import org.bkdms.ledger.contracts.SiteStatus;
import org.bkdms.ledger.grpc.v1.BlockMessage;
import org.bkdms.ledger.grpc.v1.BlocksRequest;
import org.bkdms.ledger.grpc.v1.ConfigRequest;
import org.bkdms.ledger.grpc.v1.ConfigResponse;
import org.bkdms.ledger.grpc.v1.KeysRequest;
import org.bkdms.ledger.grpc.v1.LedgerServiceGrpc;
import org.bkdms.ledger.grpc.v1.PlatformKey;
import org.bkdms.ledger.grpc.v1.PolicyRequest;
import org.bkdms.ledger.grpc.v1.PolicyResponse;
import org.bkdms.ledger.grpc.v1.SiteStateRequest;
import org.bkdms.ledger.grpc.v1.SiteStateResponse;
import org.bkdms.ledger.grpc.v1.StatusRequest;
import org.bkdms.ledger.grpc.v1.StatusResponse;
import org.bkdms.ledger.grpc.v1.SubmitRequest;
import org.bkdms.ledger.grpc.v1.SubmitResponse;
import org.bkdms.ledger.grpc.v1.TxRequest;
import org.bkdms.ledger.grpc.v1.TxResponse;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.node.NodeStatus;
import org.bkdms.ledger.tx.AdminAction.DeployContracts;
import org.bkdms.ledger.tx.AdminAction.PublishCollectionPolicy;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.ledger.tx.TxId;

/** The gRPC implementation of {@link LedgerClient}. */
final class GrpcLedgerClient implements LedgerClient {
    private final ManagedChannel channel;
    private final LedgerServiceGrpc.LedgerServiceBlockingStub blocking;
    private final LedgerServiceGrpc.LedgerServiceStub async;
    private final long deadlineMillis;
    private final CryptoSuites suites;
    private final int submitWindow;

    GrpcLedgerClient(LedgerClient.Builder b) {
        NettyChannelBuilder cb;
        try {
            cb = NettyChannelBuilder.forTarget(b.target).negotiationType(NegotiationType.TLS)
                    .sslContext(b.credentials.clientContext());
        } catch (IOException e) {
            throw new UncheckedIOException("unusable TLS credentials: " + e.getMessage(), e);
        }
        cb.maxInboundMessageSize(b.maxInboundMessageSize)
                // below the server's permitted rate (30 s), which would otherwise close the connection
                .keepAliveTime(60, TimeUnit.SECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .userAgent("bkdms-ledger-client");
        if (b.authority != null) {
            cb.overrideAuthority(b.authority);
        }
        this.channel = cb.build();
        this.blocking = LedgerServiceGrpc.newBlockingStub(channel);
        this.async = LedgerServiceGrpc.newStub(channel);
        this.deadlineMillis = b.deadline.toMillis();
        this.suites = b.suites != null ? b.suites : CryptoSuites.standard();
        this.submitWindow = b.submitWindow;
    }

    private LedgerServiceGrpc.LedgerServiceBlockingStub stub() {
        return blocking.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw LedgerException.of(what, e);
        }
    }

    @Override
    public SubmitResult submit(byte[] transaction) {
        SubmitResponse r = call("Submit", () -> stub().submit(SubmitRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(transaction)).build()));
        return Wire.fromProto(r);
    }

    @Override
    public StreamingSubmitter openSubmitter() {
        Submitter s = new Submitter(submitWindow);
        async.submitStream(s);
        return s;
    }

    @Override
    public BlockSubscription blocks(long fromHeight, BlockListener listener) {
        if (fromHeight < 0) {
            throw new IllegalArgumentException("fromHeight must be 0 or more");
        }
        Subscription s = new Subscription(fromHeight, listener);
        async.blocks(BlocksRequest.newBuilder().setFromHeight(fromHeight).build(), s);
        return s;
    }

    @Override
    public Optional<ProvenTransaction> getTransaction(TxId id) {
        TxResponse r;
        try {
            r = stub().getTransaction(TxRequest.newBuilder().setTxId(ByteString.copyFrom(id.bytes())).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw LedgerException.of("GetTransaction", e);
        }
        try {
            LedgerTransaction tx = LedgerTransaction.decode(r.getTransaction().toByteArray());
            if (!tx.id().equals(id)) {
                throw protocol("node returned transaction " + tx.id() + " for " + id);
            }
            BlockHeader header = BlockHeader.decode(r.getBlockHeader().toByteArray());
            InclusionProof proof = InclusionProofCodec.decode(r.getInclusionProof().toByteArray());
            if (header.height() != r.getHeight() || proof.leafIndex() != r.getIndex()
                    || !MerkleProofs.verifyInclusion(MerkleTree.leafHash(tx.encoded()), proof, header.merkleRoot())) {
                throw protocol("the inclusion proof of " + id + " does not lead to block " + r.getHeight() + "'s Merkle root");
            }
            Span packet = r.getPacketOffset() < 0 ? null : new Span(r.getPacketOffset(), r.getPacketLength());
            TxLocation at = new TxLocation(id, r.getHeight(), r.getIndex(), position(r.getBlockOffset(), r.getBlockLength()),
                    new Span(r.getTxOffset(), r.getTxLength()), packet);
            return Optional.of(new ProvenTransaction(tx, at, header, proof));
        } catch (BkdmsException | IllegalArgumentException e) {
            throw e instanceof LedgerException le ? le : protocol("node returned an undecodable transaction record: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public SiteState siteState(SiteId site, long height) {
        SiteStateResponse r = call("SiteState", () -> stub().siteState(SiteStateRequest.newBuilder()
                .setSiteId(ByteString.copyFrom(site.address())).setHeight(height).build()));
        Optional<SiteEntry> entry = Optional.empty();
        if (r.getRegistered()) {
            try {
                byte[] spki = r.getSigningKey().toByteArray();
                SuitePublicKey key = suites.suiteOfKey(spki).publicKey(KeyPurpose.SIGNING, spki);
                entry = Optional.of(new SiteEntry(site, r.getName(), SiteStatus.valueOf(r.getStatus()), key, r.getSinceHeight(),
                        r.getReason()));
            } catch (BkdmsException | IllegalArgumentException e) {
                throw protocol("node returned an unusable registry entry for " + site + ": " + e.getMessage(), e);
            }
        }
        return new SiteState(site, entry,
                r.hasLastSequence() ? OptionalLong.of(r.getLastSequence()) : OptionalLong.empty(),
                r.hasMisbehaviourCount() ? OptionalLong.of(r.getMisbehaviourCount()) : OptionalLong.empty());
    }

    @Override
    public List<PlatformKeyEntry> platformKeys(long height) {
        List<PlatformKey> keys = call("PlatformKeys", () -> stub().platformKeys(KeysRequest.newBuilder().setHeight(height)
                .build())).getKeysList();
        List<PlatformKeyEntry> out = new ArrayList<>(keys.size());
        for (PlatformKey k : keys) {
            SuitePublicKey key;
            try {
                key = suites.byId(k.getSuite()).publicKey(KeyPurpose.ENCRYPTION, k.getKey().toByteArray());
            } catch (BkdmsException | IllegalArgumentException e) {
                throw protocol("platform key of suite " + k.getSuite() + " is unusable here: " + e.getMessage(), e);
            }
            if (!Arrays.equals(key.keyId().bytes(), k.getKeyId().toByteArray())) {
                throw protocol("platform key id does not match its key");
            }
            out.add(new PlatformKeyEntry(key, k.getSinceHeight()));
        }
        return out;
    }

    @Override
    public Optional<DeployContracts> contractConfig(long height) {
        ConfigResponse r = call("ContractConfig", () -> stub().contractConfig(ConfigRequest.newBuilder().setHeight(height)
                .build()));
        if (!r.getDeployed()) {
            return Optional.empty();
        }
        try {
            // a node that predates the rule sends none, and its chain checks the increasing rule
            SequenceRule rule = r.getSequenceRule().isEmpty() ? SequenceRule.INCREASING : SequenceRule.valueOf(r.getSequenceRule());
            return Optional.of(new DeployContracts(r.getConfigVersion(), r.getMaxSubmissionOctets(), r.getRateLimitCount(),
                    r.getRateLimitWindowSeconds(), r.getMisbehaviourThreshold(), r.getAllowedSuitesList(), rule));
        } catch (BkdmsException | IllegalArgumentException e) {
            throw protocol("node returned invalid contract parameters: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PublishCollectionPolicy> collectionPolicy(SiteId site, long height) {
        PolicyResponse r = call("CollectionPolicy", () -> stub().collectionPolicy(PolicyRequest.newBuilder()
                .setSiteId(ByteString.copyFrom(site.address())).setHeight(height).build()));
        if (!r.getPublished()) {
            return Optional.empty();
        }
        try {
            List<KpiCode> codes = r.getKpiCodesList().stream().map(KpiCode::parse).toList();
            return Optional.of(new PublishCollectionPolicy(site, codes, r.getPeriodSeconds()));
        } catch (BkdmsException | IllegalArgumentException e) {
            throw protocol("node returned an invalid collection policy for " + site + ": " + e.getMessage(), e);
        }
    }

    @Override
    public NodeStatus status() {
        StatusResponse r = call("Status", () -> stub().status(StatusRequest.getDefaultInstance()));
        Map<RejectReason, Long> rejections = new EnumMap<>(RejectReason.class);
        // reasons this version does not know are left out rather than failing the whole status
        r.getRejectionsMap().forEach((name, n) -> {
            RejectReason reason = Wire.rejectReason(name);
            if (reason != null) {
                rejections.put(reason, n);
            }
        });
        return new NodeStatus(r.getChainId().isEmpty() ? null : r.getChainId(), r.getHeight(), r.getTransactions(),
                r.getLogBytes(), r.getPending(), new NodeStatus.Counters(r.getCommitted(), r.getDuplicates(),
                        Map.copyOf(rejections)));
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            // calls still open after a short grace (or a stream whose server gave up on it mid-message) are cancelled
            if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
                channel.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static BlockPosition position(long offset, long length) {
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block length " + length + " is too large");
        }
        return new BlockPosition(offset, (int) length);
    }

    private static LedgerException protocol(String message) {
        return new LedgerException(message, null, null);
    }

    private static LedgerException protocol(String message, Throwable cause) {
        return new LedgerException(message, null, cause);
    }

    /** One {@code SubmitStream} call; responses are matched to submissions by order. */
    private static final class Submitter implements StreamingSubmitter, ClientResponseObserver<SubmitRequest, SubmitResponse> {
        private final Semaphore window;
        private final Object lock = new Object();
        // guarded by lock
        private final ArrayDeque<CompletableFuture<SubmitResult>> unanswered = new ArrayDeque<>();
        private ClientCallStreamObserver<SubmitRequest> requests;
        private LedgerException failure;
        private boolean closed;

        Submitter(int window) {
            this.window = new Semaphore(window);
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<SubmitRequest> requestStream) {
            this.requests = requestStream;
        }

        @Override
        public CompletableFuture<SubmitResult> submit(byte[] transaction) throws InterruptedException {
            synchronized (lock) {
                if (closed) {
                    throw new IllegalStateException("submitter is closed");
                }
            }
            window.acquire();
            synchronized (lock) {
                if (failure != null) {
                    window.release();
                    return CompletableFuture.failedFuture(failure);
                }
                if (closed) {
                    window.release();
                    throw new IllegalStateException("submitter is closed");
                }
                CompletableFuture<SubmitResult> f = new CompletableFuture<>();
                unanswered.addLast(f);
                // the window bounds what gRPC may buffer here, so the call's readiness need not be polled
                requests.onNext(SubmitRequest.newBuilder().setTransaction(ByteString.copyFrom(transaction)).build());
                return f;
            }
        }

        @Override
        public void onNext(SubmitResponse response) {
            CompletableFuture<SubmitResult> f;
            synchronized (lock) {
                f = unanswered.pollFirst();
            }
            if (f == null) {
                fail(protocol("node answered more submissions than were made"));
                requests.cancel("protocol error", null);
                return;
            }
            window.release();
            try {
                f.complete(Wire.fromProto(response));
            } catch (LedgerException e) {
                f.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            fail(LedgerException.of("SubmitStream", t));
        }

        @Override
        public void onCompleted() {
            fail(protocol("node ended the submit stream before answering every submission"));
        }

        private void fail(LedgerException e) {
            List<CompletableFuture<SubmitResult>> orphans;
            synchronized (lock) {
                if (failure == null) {
                    failure = e;
                }
                orphans = new ArrayList<>(unanswered);
                unanswered.clear();
            }
            orphans.forEach(f -> f.completeExceptionally(e));
            // wake submitters waiting for the window; they will see the failure
            window.release(Integer.MAX_VALUE / 2);
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                if (failure == null) {
                    requests.onCompleted();
                }
            }
        }
    }

    /** One {@code Blocks} call, checking order and decoding before the listener sees a block. */
    private static final class Subscription implements BlockSubscription, ClientResponseObserver<BlocksRequest, BlockMessage> {
        private final BlockListener listener;
        private final CompletableFuture<Void> completion = new CompletableFuture<>();
        private volatile ClientCallStreamObserver<BlocksRequest> call;
        private volatile long next;
        private volatile boolean cancelled;

        Subscription(long from, BlockListener listener) {
            this.next = from;
            this.listener = listener;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<BlocksRequest> requestStream) {
            this.call = requestStream;
        }

        @Override
        public void onNext(BlockMessage m) {
            if (completion.isDone()) {
                return;
            }
            Block block;
            BlockPosition pos;
            try {
                if (m.getHeight() != next) {
                    throw protocol("expected block " + next + " but the node sent " + m.getHeight());
                }
                block = Block.decode(m.getBlock().toByteArray());
                if (block.height() != next) {
                    throw protocol("message for block " + next + " holds block " + block.height());
                }
                pos = position(m.getLogOffset(), m.getLogLength());
            } catch (BkdmsException | IllegalArgumentException e) {
                abort(e instanceof LedgerException le ? le : protocol("undecodable block " + next + ": " + e.getMessage(), e));
                return;
            }
            try {
                listener.committed(block, pos);
            } catch (RuntimeException e) {
                abort(e);
                return;
            }
            next++;
        }

        private void abort(RuntimeException e) {
            completion.completeExceptionally(e);
            cancelled = true;
            call.cancel("block stream aborted by the client", e);
        }

        @Override
        public void onError(Throwable t) {
            if (cancelled) {
                completion.complete(null);
            } else {
                completion.completeExceptionally(LedgerException.of("Blocks", t));
            }
        }

        @Override
        public void onCompleted() {
            completion.complete(null);
        }

        @Override
        public CompletableFuture<Void> completion() {
            return completion;
        }

        @Override
        public long nextHeight() {
            return next;
        }

        @Override
        public void close() {
            if (!cancelled) {
                cancelled = true;
                call.cancel("closed by the client", null);
            }
        }
    }
}
