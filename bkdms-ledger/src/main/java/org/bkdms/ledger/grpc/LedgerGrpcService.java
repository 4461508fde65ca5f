package org.bkdms.ledger.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.proof.InclusionProofCodec;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.block.Span;
import org.bkdms.ledger.chain.TxLocation;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.SiteEntry;
import org.bkdms.ledger.grpc.v1.BlockMessage;
import org.bkdms.ledger.grpc.v1.BlocksRequest;
import org.bkdms.ledger.grpc.v1.ConfigRequest;
import org.bkdms.ledger.grpc.v1.ConfigResponse;
import org.bkdms.ledger.grpc.v1.KeysRequest;
import org.bkdms.ledger.grpc.v1.KeysResponse;
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
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.node.NodeStatus;
import org.bkdms.ledger.tx.AdminAction.DeployContracts;
import org.bkdms.ledger.tx.AdminAction.PublishCollectionPolicy;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.TxId;

/**
 * The {@code LedgerService} over a {@link LedgerNode}, with the access rules of the package
 * comment. Every call runs with the caller's {@link PeerIdentity} in its context, put there by
 * {@link PeerIdentityInterceptor}. Thread-safe.
 */
final class LedgerGrpcService extends LedgerServiceGrpc.LedgerServiceImplBase {
    private static final Logger LOG = Logger.getLogger(LedgerGrpcService.class.getName());
    private static final Set<PeerRole> BLOCK_READERS = EnumSet.of(PeerRole.PLATFORM, PeerRole.NODE, PeerRole.AUDITOR);

    private final LedgerNode node;
    private final Executor executor;
    private final int submitWindow;
    private final TransportRejections rejections = new TransportRejections();

    /** @return the counter of rejections made by the transport rather than the contracts */
    TransportRejections rejections() {
        return rejections;
    }
    private final Set<BlockStream> blockStreams = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /**
     * @param node the node to serve
     * @param executor continues work off the orderer's thread and reads blocks; MUST NOT throw
     *     (a rejected task must be dropped, not thrown back into the orderer)
     * @param submitWindow most unanswered requests per submit stream
     */
    LedgerGrpcService(LedgerNode node, Executor executor, int submitWindow) {
        this.node = node;
        this.executor = executor;
        this.submitWindow = submitWindow;
    }

    /** Ends every block stream with UNAVAILABLE, so that a graceful shutdown need not wait for them. */
    void stop() {
        stopping = true;
        Status s = Status.UNAVAILABLE.withDescription("the ledger node is shutting down; reconnect later or elsewhere");
        blockStreams.forEach(b -> b.terminate(s));
    }

    // ------------------------------------------------------------------------------------ submissions

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
        ServerCallStreamObserver<SubmitResponse> call = (ServerCallStreamObserver<SubmitResponse>) responses;
        // with a cancel handler set, an answer for a caller who gave up is dropped instead of thrown
        call.setOnCancelHandler(() -> { });
        admit(peer(), request.getTransaction().toByteArray()).thenAcceptAsync(r -> {
            if (!call.isCancelled()) {
                call.onNext(r);
                call.onCompleted();
            }
        }, executor);
    }

    @Override
    public StreamObserver<SubmitRequest> submitStream(StreamObserver<SubmitResponse> responses) {
        PeerIdentity peer = peer();
        SubmitStream stream = new SubmitStream((ServerCallStreamObserver<SubmitResponse>) responses,
                bytes -> admit(peer, bytes), executor, submitWindow);
        stream.start();
        return stream;
    }

    /**
     * Applies the transport's rules, then hands the transaction to the node.
     *
     * @return the response; the future always completes normally
     */
    CompletableFuture<SubmitResponse> admit(PeerIdentity peer, byte[] bytes) {
        LedgerTransaction tx;
        try {
            tx = LedgerTransaction.decode(bytes);
        } catch (BkdmsException e) {
            // the node answers malformed bytes itself, and counts them
            return answer(TxId.of(bytes), () -> node.submit(bytes));
        } catch (RuntimeException e) {
            // a decoder bug must not cost more than this one submission
            LOG.log(Level.WARNING, "decoding a submission failed unexpectedly", e);
            return refuse(TxId.of(bytes), RejectReason.MALFORMED, "undecodable transaction: " + e);
        }
        if (tx.body() instanceof KpiSubmission s) {
            if (!peer.isSite(s.siteId())) {
                return refuse(tx.id(), RejectReason.WRONG_SITE, "a submission for site " + s.siteId()
                        + " must come over a connection authenticated as that site, not as " + peer);
            }
        } else if (tx.body() instanceof AdminTransaction) {
            if (peer.role() != PeerRole.PLATFORM) {
                return refuse(tx.id(), RejectReason.UNAUTHORIZED, "admin transactions come only from the smart city"
                        + " platform, not from " + peer);
            }
        } else {
            return refuse(tx.id(), RejectReason.UNAUTHORIZED, "misbehaviour reports are made by ledger nodes, never submitted");
        }
        return answer(tx.id(), () -> node.submit(tx));
    }

    private CompletableFuture<SubmitResponse> refuse(TxId id, RejectReason reason, String message) {
        rejections.add(reason);
        return CompletableFuture.completedFuture(Wire.toProto(new SubmitResult(id, SubmitResult.Status.REJECTED, -1, -1,
                reason, message)));
    }

    private static CompletableFuture<SubmitResponse> answer(TxId id, Supplier<CompletableFuture<SubmitResult>> submit) {
        CompletableFuture<SubmitResult> outcome;
        try {
            outcome = submit.get();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((r, e) -> {
            if (r != null) {
                return Wire.toProto(r);
            }
            // the orderer failed to commit the block (it then stops ordering): nothing was acknowledged
            return Wire.toProto(new SubmitResult(id, SubmitResult.Status.REJECTED, -1, -1, RejectReason.UNAVAILABLE,
                    "the node could not commit the transaction (" + e + "); retry later or on another node"));
        });
    }

    // ------------------------------------------------------------------------------------ blocks

    @Override
    public void blocks(BlocksRequest request, StreamObserver<BlockMessage> responses) {
        PeerIdentity peer = peer();
        if (!BLOCK_READERS.contains(peer.role())) {
            responses.onError(Status.PERMISSION_DENIED.withDescription("the block stream is for the platform, nodes and"
                    + " auditors, not for " + peer).asRuntimeException());
            return;
        }
        if (request.getFromHeight() < 0) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("from_height must be 0 or more").asRuntimeException());
            return;
        }
        if (stopping) {
            responses.onError(Status.UNAVAILABLE.withDescription("the ledger node is shutting down").asRuntimeException());
            return;
        }
        BlockStream[] self = new BlockStream[1];
        self[0] = new BlockStream(BlockSource.of(node), (ServerCallStreamObserver<BlockMessage>) responses, executor,
                request.getFromHeight(), () -> blockStreams.remove(self[0]));
        blockStreams.add(self[0]);
        self[0].start();
    }

    // ------------------------------------------------------------------------------------ queries

    @Override
    public void getTransaction(TxRequest request, StreamObserver<TxResponse> responses) {
        PeerIdentity peer = peer();
        byte[] id = request.getTxId().toByteArray();
        if (id.length != TxId.LENGTH) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("tx_id must have " + TxId.LENGTH + " octets")
                    .asRuntimeException());
            return;
        }
        Optional<ProvenTransaction> found;
        try {
            found = node.proven(TxId.wrap(id));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot read a block to prove a transaction", e);
            responses.onError(Status.UNAVAILABLE.withDescription("cannot read the block: " + e.getMessage()).asRuntimeException());
            return;
        }
        // a site sees its own submissions only, and others' read as unknown so that it cannot probe for them
        if (found.isEmpty() || peer.role() == PeerRole.SITE
                && !(found.get().transaction().body() instanceof KpiSubmission s && peer.isSite(s.siteId()))) {
            responses.onError(Status.NOT_FOUND.withDescription("no committed transaction " + TxId.wrap(id)).asRuntimeException());
            return;
        }
        ProvenTransaction p = found.get();
        TxLocation at = p.location();
        Span packet = at.packetSpan().orElse(new Span(-1, -1));
        responses.onNext(TxResponse.newBuilder()
                .setTransaction(ByteString.copyFrom(p.transaction().encoded()))
                .setHeight(at.height())
                .setIndex(at.index())
                .setBlockOffset(at.block().offset())
                .setBlockLength(at.block().length())
                .setTxOffset(at.tx().offset())
                .setTxLength(at.tx().length())
                .setPacketOffset(packet.offset())
                .setPacketLength(packet.length())
                .setBlockHeader(ByteString.copyFrom(p.header().encode()))
                .setInclusionProof(ByteString.copyFrom(InclusionProofCodec.encode(p.proof())))
                .build());
        responses.onCompleted();
    }

    @Override
    public void siteState(SiteStateRequest request, StreamObserver<SiteStateResponse> responses) {
        peer();
        SiteId site;
        try {
            site = SiteId.of(request.getSiteId().toByteArray());
        } catch (ValidationException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        long height = request.getHeight();
        if (!checkHeight(height, responses)) {
            return;
        }
        // built inside the query: the registry is only safe to read under the orderer's lock
        responses.onNext(node.query(s -> {
            Optional<SiteEntry> e = height < 0 ? s.registry().current(site) : s.registry().at(site, height);
            SiteStateResponse.Builder b = SiteStateResponse.newBuilder().setRegistered(e.isPresent()).setSinceHeight(-1);
            e.ifPresent(v -> b.setStatus(v.status().name()).setName(v.name())
                    .setSigningKey(ByteString.copyFrom(v.signingKey().subjectPublicKeyInfo()))
                    .setSinceHeight(v.sinceHeight()).setReason(v.reason()));
            if (height < 0) {
                b.setLastSequence(s.lastSequence(site)).setMisbehaviourCount(s.misbehaviourCount(site));
            }
            return b.build();
        }));
        responses.onCompleted();
    }

    @Override
    public void platformKeys(KeysRequest request, StreamObserver<KeysResponse> responses) {
        peer();
        long height = request.getHeight();
        if (!checkHeight(height, responses)) {
            return;
        }
        List<PlatformKeyEntry> keys = node.query(s -> List.copyOf(height < 0 ? s.platformKeys() : s.platformKeysAt(height)));
        KeysResponse.Builder b = KeysResponse.newBuilder();
        for (PlatformKeyEntry k : keys) {
            b.addKeys(PlatformKey.newBuilder().setSuite(k.key().suite().id())
                    .setKey(ByteString.copyFrom(k.key().subjectPublicKeyInfo()))
                    .setKeyId(ByteString.copyFrom(k.key().keyId().bytes())).setSinceHeight(k.sinceHeight()));
        }
        responses.onNext(b.build());
        responses.onCompleted();
    }

    @Override
    public void contractConfig(ConfigRequest request, StreamObserver<ConfigResponse> responses) {
        peer();
        long height = request.getHeight();
        if (!checkHeight(height, responses)) {
            return;
        }
        Optional<DeployContracts> config = node.query(s -> height < 0 ? s.config() : s.configAt(height));
        ConfigResponse.Builder b = ConfigResponse.newBuilder().setDeployed(config.isPresent());
        config.ifPresent(c -> b.setConfigVersion(c.configVersion()).setMaxSubmissionOctets(c.maxSubmissionOctets())
                .setRateLimitCount(c.rateLimitCount()).setRateLimitWindowSeconds(c.rateLimitWindowSeconds())
                .setMisbehaviourThreshold(c.misbehaviourThreshold()).addAllAllowedSuites(c.allowedSuites())
                .setSequenceRule(c.sequenceRule().name()));
        responses.onNext(b.build());
        responses.onCompleted();
    }

    @Override
    public void collectionPolicy(PolicyRequest request, StreamObserver<PolicyResponse> responses) {
        PeerIdentity peer = peer();
        SiteId site;
        try {
            site = SiteId.of(request.getSiteId().toByteArray());
        } catch (ValidationException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        // a site learns what it must report, not what other sites report
        if (!(peer.role() == PeerRole.PLATFORM || peer.isSite(site))) {
            responses.onError(Status.PERMISSION_DENIED.withDescription("the collection policy of site " + site
                    + " is for the platform and that site, not for " + peer).asRuntimeException());
            return;
        }
        long height = request.getHeight();
        if (!checkHeight(height, responses)) {
            return;
        }
        Optional<PublishCollectionPolicy> policy = node.query(s -> s.policyAt(site, height < 0 ? Long.MAX_VALUE : height));
        PolicyResponse.Builder b = PolicyResponse.newBuilder().setPublished(policy.isPresent());
        policy.ifPresent(p -> b.setPeriodSeconds(p.periodSeconds())
                .addAllKpiCodes(p.kpiCodes().stream().map(KpiCode::canonical).toList()));
        responses.onNext(b.build());
        responses.onCompleted();
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> responses) {
        peer();
        NodeStatus s = node.status();
        StatusResponse.Builder b = StatusResponse.newBuilder()
                .setChainId(s.chainId() == null ? "" : s.chainId())
                .setHeight(s.height())
                .setTransactions(s.transactions())
                .setLogBytes(s.logBytes())
                .setPending(s.pending())
                .setCommitted(s.counters().committed())
                .setDuplicates(s.counters().duplicates());
        for (Map.Entry<RejectReason, Long> e : rejections.addTo(s.counters().rejections()).entrySet()) {
            b.putRejections(e.getKey().name(), e.getValue());
        }
        responses.onNext(b.build());
        responses.onCompleted();
    }

    /** Heights are -1 (current) or committed ones; a height not yet committed has no settled answer. */
    private boolean checkHeight(long height, StreamObserver<?> responses) {
        if (height < -1) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("height must be -1 (current) or a committed height")
                    .asRuntimeException());
            return false;
        }
        long committed = node.chain().height();
        if (height >= committed) {
            responses.onError(Status.OUT_OF_RANGE.withDescription("height " + height + " is not committed; the chain has "
                    + committed + " blocks").asRuntimeException());
            return false;
        }
        return true;
    }

    private static PeerIdentity peer() {
        // the interceptor refuses calls without one, so this is a wiring error if it fails
        return PeerIdentity.current().orElseThrow(() -> Status.UNAUTHENTICATED.withDescription("no peer identity")
                .asRuntimeException());
    }
}
