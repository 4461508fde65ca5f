package org.bkdms.ledger.contracts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.VerificationException;
import org.bkdms.core.kpi.KpiCatalogue;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.packet.KpiPacket;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.packet.PacketOpener;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminAction.ChangeSiteStatus;
import org.bkdms.ledger.tx.AdminAction.DeployContracts;
import org.bkdms.ledger.tx.AdminAction.EstablishChain;
import org.bkdms.ledger.tx.AdminAction.PublishCollectionPolicy;
import org.bkdms.ledger.tx.AdminAction.PublishPlatformKey;
import org.bkdms.ledger.tx.AdminAction.RegisterSite;
import org.bkdms.ledger.tx.AdminAction.RotateSiteKey;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.MisbehaviourReport;
import org.bkdms.ledger.tx.SequenceRule;
import org.bkdms.ledger.tx.TxBody;

/**
 * The state of the smart contracts that the smart city platform deploys on the blockchain platform
 * (Y.4907 Appendix I): the chain's trust anchors, the acceptance rules' parameters, the site
 * registry, the platform key directory, collection policies, and the per-site counters behind
 * replay protection, rate limits and the misbehaviour record.
 *
 * <p>Deterministic: the same transactions applied at the same heights and block times give the
 * same state and the same verdicts on every node and in every replay ({@code verify-chain}), which
 * is why time comes from the block, never from a clock. Not thread-safe: one orderer owns it.
 */
public final class ContractState {
    private final CryptoSuites suites;
    private final KpiCatalogue catalogue;

    private SuitePublicKey adminKey;
    private final Map<String, SuitePublicKey> nodes = new java.util.LinkedHashMap<>();
    private int quorum;
    private final Map<String, String> nodeAddresses = new java.util.LinkedHashMap<>();
    private long adminNonce;
    private final List<Versioned<DeployContracts>> configs = new ArrayList<>();
    private final SiteRegistry registry = new SiteRegistry();
    private final List<PlatformKeyEntry> platformKeys = new ArrayList<>();
    private final Map<SiteId, List<Versioned<PublishCollectionPolicy>>> policies = new HashMap<>();
    private final Map<SiteId, SiteCounters> counters = new HashMap<>();

    /**
     * A value in force from a block on.
     *
     * @param <T> the value's type
     * @param value the value
     * @param sinceHeight the block that set it
     */
    public record Versioned<T>(T value, long sinceHeight) {
    }

    /** Per-site counters behind replay protection, rate limiting and the misbehaviour record. */
    private static final class SiteCounters {
        long lastSequence = -1;
        final ArrayDeque<Instant> recent = new ArrayDeque<>();
        long misbehaviour;
        final Set<String> reportedInBlock = new HashSet<>();
        long reportedHeight = -1;
    }

    /**
     * @param suites crypto suites this node supports
     * @param catalogue the KPI catalogue collection policies are checked against
     */
    public ContractState(CryptoSuites suites, KpiCatalogue catalogue) {
        this.suites = Objects.requireNonNull(suites, "suites");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /**
     * Decides whether a transaction may go into block {@code height}, without changing anything.
     *
     * @param tx the transaction
     * @param height the block it would go into
     * @param blockTime that block's time
     * @return the verdict
     */
    public Verdict check(LedgerTransaction tx, long height, Instant blockTime) {
        try {
            TxBody body = tx.body();
            if (body instanceof KpiSubmission s) {
                return checkSubmission(tx, s, blockTime);
            }
            if (body instanceof AdminTransaction a) {
                return checkAdmin(tx, a, height);
            }
            return checkReport(tx, (MisbehaviourReport) body, height);
        } catch (BkdmsException e) {
            // a well-formed transaction whose content breaks a data-model rule (a bad key, say)
            return Verdict.reject(RejectReason.MALFORMED, e.getMessage());
        }
    }

    /**
     * Checks a transaction and, if accepted, applies it.
     *
     * @param tx the transaction
     * @param height the block it goes into
     * @param blockTime that block's time
     * @return the verdict
     */
    public Verdict checkAndApply(LedgerTransaction tx, long height, Instant blockTime) {
        Verdict v = check(tx, height, blockTime);
        if (v.isAccepted()) {
            apply(tx, height, blockTime);
        }
        return v;
    }

    // ------------------------------------------------------------------------------------ checks

    private Verdict checkSubmission(LedgerTransaction tx, KpiSubmission s, Instant blockTime) {
        Optional<DeployContracts> config = config();
        if (config.isEmpty()) {
            return Verdict.reject(RejectReason.NOT_DEPLOYED, "the contracts are not deployed yet");
        }
        DeployContracts c = config.get();
        if (tx.size() > c.maxSubmissionOctets()) {
            return Verdict.reject(RejectReason.OVERSIZED, "submission of " + tx.size() + " octets exceeds "
                    + c.maxSubmissionOctets());
        }
        Optional<SiteEntry> entry = registry.current(s.siteId());
        if (entry.isEmpty()) {
            return Verdict.reject(RejectReason.UNKNOWN_SITE, "site " + s.siteId() + " is not registered");
        }
        SiteEntry site = entry.get();
        if (site.status() == SiteStatus.REVOKED) {
            return Verdict.reject(RejectReason.SITE_REVOKED, "site " + s.siteId() + " is revoked");
        }
        if (site.status() == SiteStatus.SUSPENDED) {
            return Verdict.reject(RejectReason.SITE_SUSPENDED, "site " + s.siteId() + " is suspended");
        }
        if (!tx.verifySignature(site.signingKey())) {
            return Verdict.misbehaviour(RejectReason.BAD_SIGNATURE, "envelope signature does not verify with site "
                    + s.siteId() + "'s key " + site.signingKey().keyId(), MisbehaviourReport.Kind.INVALID_SIGNATURE);
        }
        SiteCounters k = counters.get(s.siteId());
        long last = k == null ? -1 : k.lastSequence;
        if (s.sequence() <= last) {
            return Verdict.misbehaviour(RejectReason.REPLAY, "sequence " + s.sequence() + " is not above site "
                    + s.siteId() + "'s last committed " + last, MisbehaviourReport.Kind.REPLAY);
        }
        if (c.sequenceRule() == SequenceRule.CONTIGUOUS && s.sequence() != SequenceRule.nextContiguous(last)) {
            // checked before the rate: a pipelining site's in-flight followers of a refused submission
            // are neither misbehaviour nor load that counts against it
            return Verdict.reject(RejectReason.SEQUENCE_GAP, "sequence " + s.sequence() + " is not site "
                    + s.siteId() + "'s next " + SequenceRule.nextContiguous(last) + "; resend from that one");
        }
        if (k != null && recentCount(k, blockTime, c) >= c.rateLimitCount()) {
            // back-pressure rather than misbehaviour: a site uploading a backlog reaches the limit by
            // doing its job, and nothing beyond the limit is stored anyway (decision 0009)
            return Verdict.reject(RejectReason.RATE_LIMITED, "site " + s.siteId() + " exceeded "
                    + c.rateLimitCount() + " submissions per " + c.rateLimitWindowSeconds() + " s; retry later");
        }
        KpiPacket packet;
        try {
            packet = KpiPacketCodec.decode(s.packetDer());
        } catch (BkdmsException e) {
            return Verdict.reject(RejectReason.MALFORMED, "packet: " + e.getMessage());
        }
        if (!c.allowedSuites().contains(packet.suiteId())) {
            return Verdict.reject(RejectReason.UNSUPPORTED_SUITE, "suite " + packet.suiteId() + " is not allowed; allowed: "
                    + c.allowedSuites());
        }
        if (!packet.encryptedDigest().signerKeyId().equals(site.signingKey().keyId())) {
            return Verdict.reject(RejectReason.PACKET_SIGNER_MISMATCH, "packet signed by key "
                    + packet.encryptedDigest().signerKeyId() + ", envelope by " + site.signingKey().keyId());
        }
        try {
            PacketOpener.verifySignature(suites, packet, site.signingKey());
        } catch (VerificationException e) {
            return Verdict.misbehaviour(RejectReason.BAD_SIGNATURE, "packet: " + e.getMessage(),
                    MisbehaviourReport.Kind.INVALID_SIGNATURE);
        }
        boolean known = platformKeys.stream()
                .anyMatch(p -> p.key().keyId().equals(packet.encryptedKpiData().recipientKeyId()));
        if (!known) {
            return Verdict.reject(RejectReason.UNKNOWN_PLATFORM_KEY, "packet is encrypted to key "
                    + packet.encryptedKpiData().recipientKeyId() + ", which the key directory does not list");
        }
        return Verdict.accepted();
    }

    private static long recentCount(SiteCounters k, Instant blockTime, DeployContracts c) {
        Instant from = blockTime.minus(Duration.ofSeconds(c.rateLimitWindowSeconds()));
        return k.recent.stream().filter(t -> t.isAfter(from)).count();
    }

    private Verdict checkAdmin(LedgerTransaction tx, AdminTransaction a, long height) {
        AdminAction action = a.action();
        if (action instanceof EstablishChain g) {
            if (height != 0 || adminKey != null) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "a chain is established only once, in block 0");
            }
            SuitePublicKey key = signingKey(g.adminKey());
            if (!tx.verifySignature(key)) {
                return Verdict.reject(RejectReason.UNAUTHORIZED, "genesis is not signed by the admin key it names");
            }
            for (var n : g.nodes()) {
                signingKey(n.signingKey());
            }
            return Verdict.accepted();
        }
        if (adminKey == null) {
            return Verdict.reject(RejectReason.NOT_DEPLOYED, "block 0 must establish the chain first");
        }
        if (!tx.verifySignature(adminKey)) {
            return Verdict.reject(RejectReason.UNAUTHORIZED, "admin transaction not signed by the chain's admin key "
                    + adminKey.keyId());
        }
        if (a.nonce() <= adminNonce) {
            return Verdict.reject(RejectReason.STALE_NONCE, "admin nonce " + a.nonce() + " is not above " + adminNonce);
        }
        if (!(action instanceof DeployContracts) && config().isEmpty()) {
            return Verdict.reject(RejectReason.NOT_DEPLOYED, "deploy the contracts before " + action.getClass().getSimpleName());
        }
        return checkAction(action);
    }

    private Verdict checkAction(AdminAction action) {
        if (action instanceof DeployContracts d) {
            long current = config().map(DeployContracts::configVersion).orElse(0L);
            if (d.configVersion() <= current) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "contract config version " + d.configVersion()
                        + " is not above the deployed " + current);
            }
            for (int suite : d.allowedSuites()) {
                suites.byId(suite);
            }
            return Verdict.accepted();
        }
        if (action instanceof RegisterSite r) {
            if (registry.current(r.siteId()).isPresent()) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "site " + r.siteId() + " is already registered");
            }
            return allowedSigningKey(r.signingKey());
        }
        if (action instanceof ChangeSiteStatus c) {
            Optional<SiteEntry> e = registry.current(c.siteId());
            if (e.isEmpty()) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "site " + c.siteId() + " is not registered");
            }
            SiteStatus from = e.get().status();
            boolean ok = switch (c.change()) {
                case SUSPEND -> from == SiteStatus.ACTIVE;
                case REVOKE -> from != SiteStatus.REVOKED;
                case REINSTATE -> from == SiteStatus.SUSPENDED;
            };
            return ok ? Verdict.accepted() : Verdict.reject(RejectReason.INVALID_ACTION, "cannot "
                    + c.change().name().toLowerCase() + " site " + c.siteId() + " while it is " + from);
        }
        if (action instanceof RotateSiteKey r) {
            Optional<SiteEntry> e = registry.current(r.siteId());
            if (e.isEmpty() || e.get().status() == SiteStatus.REVOKED) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "site " + r.siteId() + " is not registered or revoked");
            }
            return allowedSigningKey(r.signingKey());
        }
        if (action instanceof PublishPlatformKey p) {
            if (!config().orElseThrow().allowedSuites().contains(p.suite())) {
                return Verdict.reject(RejectReason.UNSUPPORTED_SUITE, "suite " + p.suite() + " is not allowed");
            }
            SuitePublicKey key = suites.byId(p.suite()).publicKey(KeyPurpose.ENCRYPTION, p.encryptionKey());
            boolean dup = platformKeys.stream().anyMatch(k -> k.key().keyId().equals(key.keyId()));
            return dup ? Verdict.reject(RejectReason.INVALID_ACTION, "platform key " + key.keyId() + " is already published")
                    : Verdict.accepted();
        }
        if (action instanceof PublishCollectionPolicy p) {
            if (registry.current(p.siteId()).isEmpty()) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "site " + p.siteId() + " is not registered");
            }
            for (KpiCode code : p.kpiCodes()) {
                if (catalogue.find(code).isEmpty()) {
                    return Verdict.reject(RejectReason.INVALID_ACTION, "KPI " + code + " is not in the catalogue");
                }
            }
            return Verdict.accepted();
        }
        if (action instanceof AdminAction.AddNode a) {
            if (nodes.containsKey(a.node().nodeId())) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "node " + a.node().nodeId() + " is already a member");
            }
            signingKey(a.node().signingKey());
            return membershipQuorum(nodes.size() + 1, a.quorum());
        }
        if (action instanceof AdminAction.RemoveNode r) {
            if (!nodes.containsKey(r.nodeId())) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "node " + r.nodeId() + " is not a member");
            }
            if (nodes.size() == 1) {
                return Verdict.reject(RejectReason.INVALID_ACTION, "the last node cannot be removed");
            }
            return membershipQuorum(nodes.size() - 1, r.quorum());
        }
        return Verdict.reject(RejectReason.INVALID_ACTION, "a chain is established only in block 0");
    }

    private static Verdict membershipQuorum(int members, int quorum) {
        if (quorum != 0 && (quorum <= members / 2 || quorum > members)) {
            return Verdict.reject(RejectReason.INVALID_ACTION, "quorum " + quorum + " must be a majority of the " + members
                    + " members and at most all of them");
        }
        return Verdict.accepted();
    }

    private Verdict allowedSigningKey(byte[] spki) {
        SuitePublicKey key = signingKey(spki);
        if (!config().orElseThrow().allowedSuites().contains(key.suite().id())) {
            return Verdict.reject(RejectReason.UNSUPPORTED_SUITE, "key suite " + key.suite().name() + " is not allowed");
        }
        return Verdict.accepted();
    }

    private Verdict checkReport(LedgerTransaction tx, MisbehaviourReport r, long height) {
        SuitePublicKey node = nodes.values().stream().filter(k -> k.keyId().equals(tx.signerKeyId())).findFirst()
                .orElse(null);
        if (node == null || !tx.verifySignature(node)) {
            return Verdict.reject(RejectReason.UNAUTHORIZED, "misbehaviour report not signed by a node of this chain");
        }
        if (registry.current(r.siteId()).isEmpty()) {
            return Verdict.reject(RejectReason.INVALID_ACTION, "site " + r.siteId() + " is not registered");
        }
        SiteCounters k = counters.get(r.siteId());
        if (k != null && k.reportedHeight == height && k.reportedInBlock.contains(r.kind().name())) {
            // one report per site and kind per block, so that a flood cannot flood the chain with reports
            return Verdict.reject(RejectReason.INVALID_ACTION, "site " + r.siteId() + " already has a " + r.kind()
                    + " report in this block");
        }
        return Verdict.accepted();
    }

    private SuitePublicKey signingKey(byte[] spki) {
        CryptoSuite suite = suites.suiteOfKey(spki);
        return suite.publicKey(KeyPurpose.SIGNING, spki);
    }

    // ------------------------------------------------------------------------------------ apply

    /**
     * Applies an accepted transaction. Callers MUST have had it accepted by {@link #check} against
     * this exact state.
     *
     * @param tx the transaction
     * @param height the block it goes into
     * @param blockTime that block's time
     */
    public void apply(LedgerTransaction tx, long height, Instant blockTime) {
        TxBody body = tx.body();
        if (body instanceof KpiSubmission s) {
            SiteCounters k = counters.computeIfAbsent(s.siteId(), x -> new SiteCounters());
            k.lastSequence = s.sequence();
            k.recent.addLast(blockTime);
            long limit = config().orElseThrow().rateLimitCount();
            while (k.recent.size() > limit) {
                k.recent.removeFirst();
            }
        } else if (body instanceof AdminTransaction a) {
            applyAdmin(a, height);
        } else {
            applyReport((MisbehaviourReport) body, height);
        }
    }

    private void applyAdmin(AdminTransaction a, long height) {
        AdminAction action = a.action();
        if (action instanceof EstablishChain g) {
            adminKey = signingKey(g.adminKey());
            quorum = g.effectiveQuorum();
            for (var n : g.nodes()) {
                nodes.put(n.nodeId(), signingKey(n.signingKey()));
            }
            return;
        }
        adminNonce = a.nonce();
        if (action instanceof DeployContracts d) {
            configs.add(new Versioned<>(d, height));
        } else if (action instanceof RegisterSite r) {
            registry.put(new SiteEntry(r.siteId(), r.name(), SiteStatus.ACTIVE, signingKey(r.signingKey()), height, ""));
        } else if (action instanceof ChangeSiteStatus c) {
            SiteEntry e = registry.current(c.siteId()).orElseThrow();
            SiteStatus to = switch (c.change()) {
                case SUSPEND -> SiteStatus.SUSPENDED;
                case REVOKE -> SiteStatus.REVOKED;
                case REINSTATE -> SiteStatus.ACTIVE;
            };
            registry.put(e.next(to, e.signingKey(), height, c.reason()));
            if (to == SiteStatus.ACTIVE) {
                SiteCounters k = counters.get(c.siteId());
                if (k != null) {
                    k.misbehaviour = 0;
                }
            }
        } else if (action instanceof RotateSiteKey r) {
            SiteEntry e = registry.current(r.siteId()).orElseThrow();
            registry.put(e.next(e.status(), signingKey(r.signingKey()), height, "key rotated"));
        } else if (action instanceof PublishPlatformKey p) {
            platformKeys.add(new PlatformKeyEntry(suites.byId(p.suite()).publicKey(KeyPurpose.ENCRYPTION,
                    p.encryptionKey()), height));
        } else if (action instanceof PublishCollectionPolicy p) {
            policies.computeIfAbsent(p.siteId(), x -> new ArrayList<>()).add(new Versioned<>(p, height));
        } else if (action instanceof AdminAction.AddNode add) {
            nodes.put(add.node().nodeId(), signingKey(add.node().signingKey()));
            nodeAddresses.put(add.node().nodeId(), add.raftAddress());
            quorum = add.quorum() != 0 ? add.quorum() : AdminAction.EstablishChain.defaultQuorum(nodes.size());
        } else if (action instanceof AdminAction.RemoveNode r) {
            nodes.remove(r.nodeId());
            nodeAddresses.remove(r.nodeId());
            quorum = r.quorum() != 0 ? r.quorum() : AdminAction.EstablishChain.defaultQuorum(nodes.size());
        }
    }

    private void applyReport(MisbehaviourReport r, long height) {
        SiteCounters k = counters.computeIfAbsent(r.siteId(), x -> new SiteCounters());
        if (k.reportedHeight != height) {
            k.reportedHeight = height;
            k.reportedInBlock.clear();
        }
        k.reportedInBlock.add(r.kind().name());
        k.misbehaviour++;
        SiteEntry e = registry.current(r.siteId()).orElseThrow();
        long threshold = config().orElseThrow().misbehaviourThreshold();
        if (e.status() == SiteStatus.ACTIVE && k.misbehaviour >= threshold) {
            registry.put(e.next(SiteStatus.SUSPENDED, e.signingKey(), height, "suspended automatically after "
                    + k.misbehaviour + " misbehaviour reports"));
        }
    }

    // ------------------------------------------------------------------------------------ queries

    /** @return whether block 0 has established the chain */
    public boolean established() {
        return adminKey != null;
    }

    /** @return the chain's admin key, once established */
    public Optional<SuitePublicKey> adminKey() {
        return Optional.ofNullable(adminKey);
    }

    /** @return node id to block-signing key */
    public Map<String, SuitePublicKey> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    /**
     * @return node signatures that make a block final (from block 0), or 0 before the chain is
     *     established
     */
    public int quorum() {
        return quorum;
    }

    /**
     * @return Raft endpoint ({@code host:port}) of each member added after genesis; genesis members'
     *     addresses are configured on the nodes, not on chain
     */
    public Map<String, String> nodeAddresses() {
        return Collections.unmodifiableMap(nodeAddresses);
    }

    /** @return the last admin nonce used */
    public long adminNonce() {
        return adminNonce;
    }

    /** @return the contract parameters in force, if deployed */
    public Optional<DeployContracts> config() {
        return configs.isEmpty() ? Optional.empty() : Optional.of(configs.get(configs.size() - 1).value());
    }

    /**
     * @param height a block height
     * @return the contract parameters in force after that block
     */
    public Optional<DeployContracts> configAt(long height) {
        return latestAt(configs, height);
    }

    /** @return the site registry */
    public SiteRegistry registry() {
        return registry;
    }

    /** @return every published platform encryption key, oldest first */
    public List<PlatformKeyEntry> platformKeys() {
        return Collections.unmodifiableList(platformKeys);
    }

    /**
     * @param height a block height
     * @return the platform keys published up to that block, oldest first
     */
    public List<PlatformKeyEntry> platformKeysAt(long height) {
        return platformKeys.stream().filter(k -> k.sinceHeight() <= height).toList();
    }

    /**
     * @param site a site
     * @param height a block height
     * @return the site's collection policy in force after that block
     */
    public Optional<PublishCollectionPolicy> policyAt(SiteId site, long height) {
        return latestAt(policies.getOrDefault(site, List.of()), height);
    }

    /**
     * @param site a site
     * @return the site's last committed sequence number, or -1
     */
    public long lastSequence(SiteId site) {
        SiteCounters k = counters.get(site);
        return k == null ? -1 : k.lastSequence;
    }

    /**
     * @param site a site
     * @return misbehaviour reports recorded against the site since it was last reinstated
     */
    public long misbehaviourCount(SiteId site) {
        SiteCounters k = counters.get(site);
        return k == null ? 0 : k.misbehaviour;
    }

    private static <T> Optional<T> latestAt(List<Versioned<T>> versions, long height) {
        T found = null;
        for (Versioned<T> v : versions) {
            if (v.sinceHeight() > height) {
                break;
            }
            found = v.value();
        }
        return Optional.ofNullable(found);
    }
}
