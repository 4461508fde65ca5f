package org.bkdms.ledger.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.block.NodeSignature;
import org.bkdms.ledger.blocklog.BlockLog;
import org.bkdms.ledger.chain.Chain;
import org.bkdms.ledger.consensus.OrderingService;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.contracts.RejectReason;
import org.bkdms.ledger.contracts.Verdict;
import org.bkdms.ledger.node.LedgerNode;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.TxId;

/**
 * Multi-node consensus on Apache Ratis (Raft): one node per consortium organization, each with
 * its own keys, block log and Raft log. Ratis replicates an ordered log of submissions, block cuts
 * and node signatures ({@link ClusterEntry}); every node applies it through its own
 * {@link ReplicatedLedger}, validating every transaction against its own contracts and signing
 * every block it builds. A block is final, and its submissions are acknowledged, only when the
 * chain's quorum of node signatures over the same header is in the log.
 *
 * <p>Submissions may reach any node: the node checks them against its contract state (a rejection
 * is answered at once), then forwards them to the Raft leader through the Ratis client, which
 * follows leader changes. Only the leader proposes cuts, every block period or when a block's
 * worth of transactions waits, and one block at a time.
 *
 * <p>Durability: a submission's future completes with COMMITTED only once its block is final and
 * written to this node's block log; the entries that made it final are committed in the Raft log
 * of a majority, so any node that becomes leader has them. A future that completes exceptionally
 * was NOT acknowledged; resubmitting the same bytes is safe (a duplicate is answered DUPLICATE).
 * If the block log cannot be written, or holds a block the cluster did not finalize, the node
 * stops applying the log (fail-stop) and reports it to {@link #whenFailed}.
 *
 * <p>Thread-safe.
 */
public final class ClusterConsensus implements OrderingService {
    private static final Logger LOG = Logger.getLogger(ClusterConsensus.class.getName());
    /** Largest batch of transactions forwarded as one log entry. */
    private static final int MAX_BATCH = 2_000;
    private static final long MAX_BATCH_OCTETS = 4L << 20;

    private final ClusterSettings settings;
    private final Chain chain;
    private final ReplicatedLedger ledger;
    private final RaftGroup group;
    private final RaftServer server;
    private final RaftClient client;
    private final ScheduledExecutorService ticker;
    private final java.util.concurrent.ExecutorService admin;
    private final Map<TxId, CompletableFuture<SubmitResult>> waiting = new ConcurrentHashMap<>();
    private final ArrayDeque<LedgerTransaction> outbox = new ArrayDeque<>();
    private final List<Consumer<Exception>> failureListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<String>> leaderListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean sending;
    private volatile boolean proposalInFlight;
    private final AtomicBoolean reconfiguring = new AtomicBoolean();
    private volatile long lastCutNanos = System.nanoTime();
    private volatile List<LedgerTransaction> genesisToPropose;
    private volatile Exception failure;

    private ClusterConsensus(Chain chain, ContractState state, ClusterSettings settings, ReplicatedLedger.Validator validator)
            throws IOException {
        this.settings = settings;
        this.chain = chain;
        this.ledger = new ReplicatedLedger(chain, settings.chainId(), state, settings.genesis(), validator, new Outcomes());
        List<RaftPeer> peers = settings.members().stream().map(m -> RaftPeer.newBuilder().setId(m.nodeId())
                .setAddress(m.address()).build()).toList();
        this.group = RaftGroup.valueOf(groupId(settings.chainId()), peers);
        RaftProperties properties = properties(settings);
        Parameters parameters = new Parameters();
        GrpcTlsConfig tls = RaftTls.config(settings.tls());
        GrpcConfigKeys.TLS.setConf(parameters, tls);
        GrpcConfigKeys.Server.setTlsConf(parameters, tls);
        GrpcConfigKeys.Client.setTlsConf(parameters, tls);
        Files.createDirectories(settings.raftDir());
        this.server = RaftServer.newBuilder().setServerId(RaftPeerId.valueOf(settings.nodeId())).setGroup(group)
                .setStateMachine(new Machine()).setProperties(properties).setParameters(parameters)
                .setOption(RaftStorage.StartupOption.RECOVER).build();
        this.client = RaftClient.newBuilder().setProperties(properties).setParameters(parameters).setRaftGroup(group)
                .setClientId(ClientId.randomId()).setLeaderId(null)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(200, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .build();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bkdms-cluster-" + settings.nodeId());
            t.setDaemon(true);
            return t;
        });
        this.admin = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bkdms-cluster-admin-" + settings.nodeId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a cluster node: attaches a chain to the block log (blocks already there are adopted
     * as the replicated log finalizes them again), starts the Raft server and the leader's block
     * cutting, and wraps it all as a {@link LedgerNode}.
     *
     * @param log the node's block log
     * @param state an empty contract state
     * @param settings how the node takes part in the cluster
     * @return the running node; its chain grows to the cluster's height as the log is applied
     * @throws IOException if the Raft server cannot start
     */
    public static LedgerNode startNode(BlockLog log, ContractState state, ClusterSettings settings) throws IOException {
        return startNode(log, state, settings, ReplicatedLedger.Validator.CONTRACTS);
    }

    /**
     * As {@link #startNode(BlockLog, ContractState, ClusterSettings)}, with another validator, for
     * fault tests that model a node whose contracts disagree with the others'.
     *
     * @param log the node's block log
     * @param state an empty contract state
     * @param settings how the node takes part in the cluster
     * @param validator how this node checks transactions
     * @return the running node
     * @throws IOException if the Raft server cannot start
     */
    public static LedgerNode startNode(BlockLog log, ContractState state, ClusterSettings settings,
            ReplicatedLedger.Validator validator) throws IOException {
        Chain chain = Chain.attach(log);
        ClusterConsensus consensus = new ClusterConsensus(chain, state, settings, validator);
        consensus.start();
        return LedgerNode.of(chain, consensus);
    }

    /**
     * @param chainId the chain's id
     * @return the Raft group id of its cluster, derived from the chain id so that all nodes agree
     */
    static RaftGroupId groupId(String chainId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("bkdms-cluster:" + chainId).getBytes(StandardCharsets.UTF_8)));
    }

    private static RaftProperties properties(ClusterSettings s) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(p, s.self().host());
        GrpcConfigKeys.Server.setPort(p, s.self().raftPort());
        RaftServerConfigKeys.setStorageDir(p, List.of(s.raftDir().toFile()));
        long election = s.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * election, TimeUnit.MILLISECONDS));
        // no snapshots yet: the whole Raft log is kept and re-applied at start (see docs/CLUSTER.md)
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, false);
        // a request to a dead leader is abandoned soon after a new one can have been elected; the retry keeps its call id,
        // so Ratis' retry cache applies it at most once
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(Math.max(1000, 3 * election), TimeUnit.MILLISECONDS));
        return p;
    }

    private void start() throws IOException {
        server.start();
        long tick = Math.max(5, settings.blockPeriod().toMillis() / 4);
        ticker.scheduleWithFixedDelay(this::propose, tick, tick, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------------------ submissions

    @Override
    public CompletableFuture<SubmitResult> submit(LedgerTransaction tx) {
        if (closed.get() || failure != null) {
            return CompletableFuture.completedFuture(rejected(tx.id(), RejectReason.UNAVAILABLE,
                    "the node is not ordering (stopped or failed); retry on another node or later"));
        }
        var onChain = chain.find(tx.id());
        if (onChain.isPresent()) {
            return CompletableFuture.completedFuture(new SubmitResult(tx.id(), SubmitResult.Status.DUPLICATE,
                    onChain.get().height(), onChain.get().index(), null, null));
        }
        CompletableFuture<SubmitResult> fresh = new CompletableFuture<>();
        CompletableFuture<SubmitResult> known = waiting.putIfAbsent(tx.id(), fresh);
        if (known != null) {
            return known;
        }
        // answer what this node's contracts refuse at once; every node checks again when the block is cut.
        // Not a sequence gap: the precheck sees only cut transactions, so the site's earlier numbers may
        // well be on their way through the log ahead of this one; the cut, in log order, decides.
        Verdict v = ledger.precheck(tx, settings.clock().instant()).orElse(null);
        if (v != null && !v.isAccepted() && v.reason() != RejectReason.SEQUENCE_GAP) {
            waiting.remove(tx.id(), fresh);
            fresh.complete(rejected(tx.id(), v.reason(), v.message()));
            return fresh;
        }
        synchronized (outbox) {
            outbox.add(tx);
            if (!sending) {
                sendBatch();
            }
        }
        return fresh;
    }

    private static SubmitResult rejected(TxId id, RejectReason reason, String message) {
        return new SubmitResult(id, SubmitResult.Status.REJECTED, -1, -1, reason, message);
    }

    /** Forwards the waiting submissions as one log entry; called with the outbox lock held. */
    private void sendBatch() {
        List<LedgerTransaction> batch = new ArrayList<>();
        long octets = 0;
        while (!outbox.isEmpty() && batch.size() < MAX_BATCH && (batch.isEmpty() || octets + outbox.peek().size() <= MAX_BATCH_OCTETS)) {
            LedgerTransaction tx = outbox.poll();
            batch.add(tx);
            octets += tx.size();
        }
        if (batch.isEmpty()) {
            sending = false;
            return;
        }
        sending = true;
        byte[] entry = new ClusterEntry.Transactions(batch.stream().map(LedgerTransaction::encoded).toList()).encode();
        send(entry).whenComplete((reply, error) -> {
            if (error != null) {
                // not acknowledged: the submitter may resubmit, which is safe if the entry did reach the log
                for (LedgerTransaction tx : batch) {
                    CompletableFuture<SubmitResult> f = waiting.remove(tx.id());
                    if (f != null) {
                        f.completeExceptionally(error);
                    }
                }
            }
            synchronized (outbox) {
                sendBatch();
            }
        });
    }

    private CompletableFuture<RaftClientReply> send(byte[] entry) {
        return client.async().send(Message.valueOf(ByteString.copyFrom(entry))).thenApply(reply -> {
            if (!reply.isSuccess()) {
                throw new java.util.concurrent.CompletionException(reply.getException() != null ? reply.getException()
                        : new IOException("the cluster did not accept the entry"));
            }
            return reply;
        });
    }

    // ------------------------------------------------------------------------------ leader duties

    private void propose() {
        try {
            if (failure != null || closed.get() || !isLeaderReady()) {
                return;
            }
            try {
                reconcileMembership();
            } catch (IOException e) {
                LOG.warning("cannot read the Raft group: " + e);
            }
            if (proposalInFlight) {
                return;
            }
            ClusterEntry entry = null;
            if (!ledger.hasGenesis()) {
                List<LedgerTransaction> genesis = genesisToPropose;
                if (genesis != null) {
                    entry = new ClusterEntry.Genesis(settings.clock().instant(), settings.nodeId(),
                            genesis.stream().map(LedgerTransaction::encoded).toList());
                }
            } else if (!ledger.blockPending() && ledger.poolSize() > 0 && (System.nanoTime() - lastCutNanos
                    >= settings.blockPeriod().toNanos() || ledger.poolSize() >= settings.maxBlockTransactions())) {
                int count = ledger.cutSize(settings.maxBlockTransactions(), settings.maxBlockOctets());
                entry = new ClusterEntry.Cut(settings.clock().instant(), settings.nodeId(), count);
                lastCutNanos = System.nanoTime();
            }
            if (entry != null) {
                proposalInFlight = true;
                send(entry.encode()).whenComplete((r, e) -> {
                    proposalInFlight = false;
                    if (e != null) {
                        LOG.fine(() -> "proposal not accepted: " + e);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "proposing a block failed", e);
        }
    }

    /**
     * Brings the Raft group in line with the chain's members: a node added by an AddNode
     * transaction joins (at the address the transaction names), a removed one leaves. Runs on the
     * leader, one change at a time, and again after a failure or a leader change.
     */
    private void reconcileMembership() throws IOException {
        if (reconfiguring.get()) {
            return;
        }
        java.util.Set<String> members = ledger.read(st -> java.util.Set.copyOf(st.nodes().keySet()));
        if (members.isEmpty()) {
            return;
        }
        Map<String, String> added = ledger.read(st -> Map.copyOf(st.nodeAddresses()));
        var current = server.getDivision(group.getGroupId()).getRaftConf().getCurrentPeers();
        List<RaftPeer> desired = new ArrayList<>();
        for (RaftPeer p : current) {
            if (members.contains(p.getId().toString())) {
                desired.add(p);
            }
        }
        for (var e : added.entrySet()) {
            if (desired.stream().noneMatch(p -> p.getId().toString().equals(e.getKey()))) {
                desired.add(RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue()).build());
            }
        }
        if (desired.size() == current.size() && desired.containsAll(current)) {
            return;
        }
        reconfiguring.set(true);
        LOG.info(() -> "node " + settings.nodeId() + " changes the Raft group to " + desired);
        CompletableFuture.runAsync(() -> {
            try {
                RaftClientReply reply = client.admin().setConfiguration(desired);
                if (!reply.isSuccess()) {
                    LOG.warning("Raft membership change not accepted: " + reply.getException());
                }
            } catch (IOException e) {
                LOG.warning("Raft membership change failed (retried on the next tick): " + e);
            } finally {
                reconfiguring.set(false);
            }
        }, admin);
    }

    private boolean isLeaderReady() {
        try {
            return server.getDivision(group.getGroupId()).getInfo().isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    /** @return this node's view of the Raft leader, if it knows one */
    public Optional<String> leader() {
        try {
            DivisionInfo info = server.getDivision(group.getGroupId()).getInfo();
            return Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return ids of the current Raft group's members as this node knows them */
    public List<String> raftMembers() {
        try {
            return server.getDivision(group.getGroupId()).getRaftConf().getCurrentPeers().stream().map(p -> p.getId().toString())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------------------ outcomes

    private final class Outcomes implements ReplicatedLedger.Listener {
        @Override
        public void decided(SubmitResult result) {
            CompletableFuture<SubmitResult> f = waiting.remove(result.id());
            if (f != null) {
                f.complete(result);
            }
        }

        @Override
        public void sign(BlockHeader header) {
            byte[] signature = settings.nodeKey().suite().sign(settings.nodeKey(), header.encode());
            NodeSignature s = new NodeSignature(settings.nodeId(), settings.nodeKey().keyId(), signature);
            send(new ClusterEntry.Vote(header.height(), s).encode()).whenComplete((r, e) -> {
                if (e != null && !closed.get()) {
                    LOG.warning("vote for block " + header.height() + " not delivered: " + e);
                }
            });
        }
    }

    /** The Ratis state machine: hands each committed entry to the ledger, in log order. */
    private final class Machine extends BaseStateMachine {
        @Override
        public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
            LogEntryProto entry = trx.getLogEntry();
            if (failure == null) {
                try {
                    ledger.apply(entry.getStateMachineLogEntry().getLogData().toByteArray());
                } catch (IOException | RuntimeException e) {
                    fail(e);
                }
            }
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(Message.EMPTY);
        }

        @Override
        public void notifyLeaderChanged(org.apache.ratis.protocol.RaftGroupMemberId member, RaftPeerId leader) {
            if (leader != null) {
                leaderListeners.forEach(l -> l.accept(leader.toString()));
            }
        }
    }

    /**
     * @param listener called with the new leader's node id whenever this node learns of a new
     *     leader; MUST NOT block
     */
    public void whenLeaderChanged(Consumer<String> listener) {
        leaderListeners.add(Objects.requireNonNull(listener));
    }

    private void fail(Exception e) {
        failure = e;
        LOG.log(Level.SEVERE, "node " + settings.nodeId() + " stops applying the cluster log: " + e.getMessage(), e);
        waiting.values().forEach(f -> f.completeExceptionally(e));
        waiting.clear();
        failureListeners.forEach(l -> l.accept(e));
    }

    /**
     * @param listener called once if this node stops applying the log (its block log failed or
     *     holds a block the cluster did not finalize); a node process SHOULD exit then
     */
    public void whenFailed(Consumer<Exception> listener) {
        failureListeners.add(Objects.requireNonNull(listener));
        if (failure != null) {
            listener.accept(failure);
        }
    }

    /** @return why this node stopped applying the log, if it did */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    // ------------------------------------------------------------------------------ OrderingService

    @Override
    public boolean initialize(List<LedgerTransaction> genesis) {
        genesisToPropose = List.copyOf(genesis);
        return chain.storedHeight() == 0;
    }

    @Override
    public <T> T read(Function<ContractState, T> query) {
        return ledger.read(query);
    }

    @Override
    public int pendingCount() {
        return ledger.pendingCount();
    }

    @Override
    public void flush() {
        lastCutNanos = 0;
    }

    /** @return votes over a header other than this node's, since start (a sign of a faulty node) */
    public long disagreements() {
        return ledger.disagreements();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ticker.shutdownNow();
        admin.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing the Raft client: " + e);
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warning("closing the Raft server: " + e);
        }
        IOException stopped = new IOException("the node stopped before the submission was final");
        waiting.values().forEach(f -> f.completeExceptionally(stopped));
        waiting.clear();
    }

    @Override
    public String toString() {
        return "ClusterConsensus{" + settings.nodeId() + " of " + settings.members().size() + " at " + Instant.now() + "}";
    }
}
