package org.bkdms.ledger.tx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerTag;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.record.SiteId;

/**
 * What an administrative transaction of the smart city platform does to the smart contracts
 * (Y.4907 Appendix I: the platform deploys the contracts with which the blockchain platform
 * identifies, authenticates and accepts sampling sites). One record per {@code AdminAction}
 * alternative of {@code docs/asn1/BKDMS-LEDGER.asn}.
 */
public sealed interface AdminAction {
    /** Longest SubjectPublicKeyInfo accepted. */
    int MAX_KEY_LENGTH = 1024;

    /** @return the CHOICE alternative number */
    int choice();

    /**
     * Writes the action's content (inside its context tag).
     *
     * @param w the writer
     */
    void writeContent(DerWriter w);

    /**
     * The parameters of the acceptance rules; deploying a higher {@code configVersion} upgrades them.
     *
     * @param configVersion version of this configuration, increasing with every upgrade
     * @param maxSubmissionOctets largest accepted submission
     * @param rateLimitCount submissions a site may make per window
     * @param rateLimitWindowSeconds the rate window
     * @param misbehaviourThreshold misbehaviour reports that suspend a site
     * @param allowedSuites crypto suites packets may use
     * @param sequenceRule how sites' sequence numbers are checked; encoded only when
     *     {@link SequenceRule#CONTIGUOUS}, so configurations written before the rule existed decode as
     *     {@link SequenceRule#INCREASING} and old chains replay with the verdicts they had
     */
    record DeployContracts(long configVersion, long maxSubmissionOctets, long rateLimitCount, long rateLimitWindowSeconds,
            long misbehaviourThreshold, List<Integer> allowedSuites, SequenceRule sequenceRule) implements AdminAction {
        /**
         * Checks the parameters.
         *
         * @param configVersion see {@link #configVersion()}
         * @param maxSubmissionOctets see {@link #maxSubmissionOctets()}
         * @param rateLimitCount see {@link #rateLimitCount()}
         * @param rateLimitWindowSeconds see {@link #rateLimitWindowSeconds()}
         * @param misbehaviourThreshold see {@link #misbehaviourThreshold()}
         * @param allowedSuites see {@link #allowedSuites()}
         * @param sequenceRule see {@link #sequenceRule()}
         */
        public DeployContracts {
            allowedSuites = List.copyOf(allowedSuites);
            Objects.requireNonNull(sequenceRule, "sequenceRule");
            if (configVersion < 1 || maxSubmissionOctets < 1 || rateLimitCount < 1 || rateLimitWindowSeconds < 1
                    || misbehaviourThreshold < 1 || allowedSuites.isEmpty()) {
                throw new ValidationException(Violation.INVALID_FIELD, "contract parameters must be positive and name a suite");
            }
        }

        /**
         * Parameters under the {@link SequenceRule#INCREASING} rule, as every configuration had before
         * the rule could be chosen.
         *
         * @param configVersion see {@link #configVersion()}
         * @param maxSubmissionOctets see {@link #maxSubmissionOctets()}
         * @param rateLimitCount see {@link #rateLimitCount()}
         * @param rateLimitWindowSeconds see {@link #rateLimitWindowSeconds()}
         * @param misbehaviourThreshold see {@link #misbehaviourThreshold()}
         * @param allowedSuites see {@link #allowedSuites()}
         */
        public DeployContracts(long configVersion, long maxSubmissionOctets, long rateLimitCount, long rateLimitWindowSeconds,
                long misbehaviourThreshold, List<Integer> allowedSuites) {
            this(configVersion, maxSubmissionOctets, rateLimitCount, rateLimitWindowSeconds, misbehaviourThreshold, allowedSuites,
                    SequenceRule.INCREASING);
        }

        /**
         * @param rule the sequence rule
         * @return these parameters with that rule (same config version)
         */
        public DeployContracts withSequenceRule(SequenceRule rule) {
            return new DeployContracts(configVersion, maxSubmissionOctets, rateLimitCount, rateLimitWindowSeconds,
                    misbehaviourThreshold, allowedSuites, rule);
        }

        @Override
        public int choice() {
            return 0;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> {
                s.integer(configVersion).integer(maxSubmissionOctets).integer(rateLimitCount).integer(rateLimitWindowSeconds)
                        .integer(misbehaviourThreshold);
                s.sequence(l -> allowedSuites.forEach(l::integer));
                // DER leaves out a value equal to its DEFAULT, which also keeps old configurations byte-identical
                if (sequenceRule != SequenceRule.INCREASING) {
                    s.enumerated(sequenceRule.code());
                }
            });
        }
    }

    /**
     * Registers a sampling site with its signing key.
     *
     * @param siteId the site
     * @param name a human name
     * @param signingKey DER SubjectPublicKeyInfo of the site's signing key
     */
    record RegisterSite(SiteId siteId, String name, byte[] signingKey) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param siteId see {@link #siteId()}
         * @param name see {@link #name()}
         * @param signingKey see {@link #signingKey()}
         */
        public RegisterSite {
            Objects.requireNonNull(siteId, "siteId");
            checkText(name, 1, 128, "name");
            signingKey = checkKey(signingKey);
        }

        /** @return a copy of the signingKey */
        @Override
        public byte[] signingKey() {
            return signingKey.clone();
        }

        @Override
        public int choice() {
            return 1;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> s.octetString(siteId.address()).utf8String(name).octetString(signingKey));
        }
    }

    /** The three site status changes, which share their content. */
    enum StatusChange {
        /** Stop accepting the site's submissions until reinstated. */
        SUSPEND(2),
        /** Stop accepting the site's submissions for good. */
        REVOKE(3),
        /** Accept a suspended site's submissions again. */
        REINSTATE(4);

        private final int choice;

        StatusChange(int choice) {
            this.choice = choice;
        }

        /** @return the CHOICE alternative number */
        public int choice() {
            return choice;
        }
    }

    /**
     * Suspends, revokes or reinstates a site.
     *
     * @param change which change
     * @param siteId the site
     * @param reason why, for the record
     */
    record ChangeSiteStatus(StatusChange change, SiteId siteId, String reason) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param change see {@link #change()}
         * @param siteId see {@link #siteId()}
         * @param reason see {@link #reason()}
         */
        public ChangeSiteStatus {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(siteId, "siteId");
            checkText(reason, 0, 256, "reason");
        }

        @Override
        public int choice() {
            return change.choice();
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> s.octetString(siteId.address()).utf8String(reason));
        }
    }

    /**
     * Replaces a site's signing key; submissions signed with the old key are refused from the next block.
     *
     * @param siteId the site
     * @param signingKey DER SubjectPublicKeyInfo of the new key
     */
    record RotateSiteKey(SiteId siteId, byte[] signingKey) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param siteId see {@link #siteId()}
         * @param signingKey see {@link #signingKey()}
         */
        public RotateSiteKey {
            Objects.requireNonNull(siteId, "siteId");
            signingKey = checkKey(signingKey);
        }

        /** @return a copy of the signingKey */
        @Override
        public byte[] signingKey() {
            return signingKey.clone();
        }

        @Override
        public int choice() {
            return 5;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> s.octetString(siteId.address()).octetString(signingKey));
        }
    }

    /**
     * Publishes an encryption key of the smart city platform in the key directory; the newest one is
     * what sites encrypt to, older ones stay listed so that old packets remain valid.
     *
     * @param suite crypto suite of the key
     * @param encryptionKey DER SubjectPublicKeyInfo
     */
    record PublishPlatformKey(int suite, byte[] encryptionKey) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param suite see {@link #suite()}
         * @param encryptionKey see {@link #encryptionKey()}
         */
        public PublishPlatformKey {
            encryptionKey = checkKey(encryptionKey);
        }

        /** @return a copy of the encryptionKey */
        @Override
        public byte[] encryptionKey() {
            return encryptionKey.clone();
        }

        @Override
        public int choice() {
            return 6;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> s.integer(suite).octetString(encryptionKey));
        }
    }

    /**
     * Which KPIs a site reports and how often.
     *
     * @param siteId the site
     * @param kpiCodes the KPIs
     * @param periodSeconds expected reporting period of each KPI
     */
    record PublishCollectionPolicy(SiteId siteId, List<KpiCode> kpiCodes, long periodSeconds) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param siteId see {@link #siteId()}
         * @param kpiCodes see {@link #kpiCodes()}
         * @param periodSeconds see {@link #periodSeconds()}
         */
        public PublishCollectionPolicy {
            Objects.requireNonNull(siteId, "siteId");
            kpiCodes = List.copyOf(kpiCodes);
            if (periodSeconds < 1 || kpiCodes.size() > 256) {
                throw new ValidationException(Violation.INVALID_FIELD, "policy needs a positive period and at most 256 KPIs");
            }
        }

        @Override
        public int choice() {
            return 7;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> {
                s.octetString(siteId.address());
                s.sequence(l -> kpiCodes.forEach(c -> l.utf8String(c.canonical())));
                s.integer(periodSeconds);
            });
        }
    }

    /**
     * The trust anchors of a chain, recorded in block 0 and signed by the admin key it names.
     *
     * @param adminKey DER SubjectPublicKeyInfo of the platform admin key
     * @param nodes the nodes that may sign blocks
     * @param quorum node signatures that make a block final, or 0 for the default: more than two
     *     thirds of the nodes ({@link #defaultQuorum(int)}); an explicit quorum must be a majority
     */
    record EstablishChain(byte[] adminKey, List<NodeInfo> nodes, int quorum) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param adminKey see {@link #adminKey()}
         * @param nodes see {@link #nodes()}
         * @param quorum see {@link #quorum()}
         */
        public EstablishChain {
            adminKey = checkKey(adminKey);
            nodes = List.copyOf(nodes);
            if (nodes.isEmpty()) {
                throw new ValidationException(Violation.INVALID_FIELD, "a chain needs at least one node");
            }
            if (nodes.stream().map(NodeInfo::nodeId).distinct().count() != nodes.size()) {
                throw new ValidationException(Violation.INVALID_FIELD, "node ids must be distinct");
            }
            // a minority quorum would let two disjoint groups of nodes each finalize a block at the same height
            if (quorum != 0 && (quorum <= nodes.size() / 2 || quorum > nodes.size())) {
                throw new ValidationException(Violation.INVALID_FIELD, "quorum " + quorum + " must be a majority of the "
                        + nodes.size() + " nodes and at most all of them");
            }
        }

        /**
         * A chain with the default quorum.
         *
         * @param adminKey see {@link #adminKey()}
         * @param nodes see {@link #nodes()}
         */
        public EstablishChain(byte[] adminKey, List<NodeInfo> nodes) {
            this(adminKey, nodes, 0);
        }

        /**
         * @param members number of nodes
         * @return the smallest number of signatures that is more than two thirds of them
         */
        public static int defaultQuorum(int members) {
            return members * 2 / 3 + 1;
        }

        /** @return the number of node signatures that makes a block of this chain final */
        public int effectiveQuorum() {
            return quorum != 0 ? quorum : defaultQuorum(nodes.size());
        }

        /** @return a copy of the adminKey */
        @Override
        public byte[] adminKey() {
            return adminKey.clone();
        }

        @Override
        public int choice() {
            return 8;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> {
                s.octetString(adminKey);
                s.sequence(l -> nodes.forEach(n -> l.sequence(e -> e.utf8String(n.nodeId()).octetString(n.signingKey()))));
                if (quorum != 0) {
                    s.integer(quorum);
                }
            });
        }
    }

    /**
     * Adds a node to a running chain's members, with the address of its Raft endpoint, so that the
     * cluster's leader can add it to the Raft group. The node signs blocks from the next block on.
     *
     * @param node the new node
     * @param raftAddress {@code host:port} of its Raft endpoint
     * @param quorum the quorum from the next block on, or 0 for more than two thirds of the members
     */
    record AddNode(NodeInfo node, String raftAddress, int quorum) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param node see {@link #node()}
         * @param raftAddress see {@link #raftAddress()}
         * @param quorum see {@link #quorum()}
         */
        public AddNode {
            Objects.requireNonNull(node, "node");
            checkText(raftAddress, 3, 256, "raftAddress");
            if (quorum < 0 || quorum > 256) {
                throw new ValidationException(Violation.INVALID_FIELD, "quorum must be 0..256");
            }
        }

        @Override
        public int choice() {
            return 9;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> s.utf8String(node.nodeId()).octetString(node.signingKey()).utf8String(raftAddress).integer(quorum));
        }
    }

    /**
     * Removes a node from a running chain's members; its signatures stop counting from the next block.
     *
     * @param nodeId the node
     * @param quorum the quorum from the next block on, or 0 for more than two thirds of the members
     */
    record RemoveNode(String nodeId, int quorum) implements AdminAction {
        /**
         * Checks the parts.
         *
         * @param nodeId see {@link #nodeId()}
         * @param quorum see {@link #quorum()}
         */
        public RemoveNode {
            checkText(nodeId, 1, 64, "nodeId");
            if (quorum < 0 || quorum > 256) {
                throw new ValidationException(Violation.INVALID_FIELD, "quorum must be 0..256");
            }
        }

        @Override
        public int choice() {
            return 10;
        }

        @Override
        public void writeContent(DerWriter w) {
            w.sequence(s -> s.utf8String(nodeId).integer(quorum));
        }
    }

    /**
     * A node that may sign blocks.
     *
     * @param nodeId the node's name
     * @param signingKey DER SubjectPublicKeyInfo of its block-signing key
     */
    record NodeInfo(String nodeId, byte[] signingKey) {
        /**
         * Checks the parts.
         *
         * @param nodeId see {@link #nodeId()}
         * @param signingKey see {@link #signingKey()}
         */
        public NodeInfo {
            checkText(nodeId, 1, 64, "nodeId");
            signingKey = checkKey(signingKey);
        }

        /** @return a copy of the signingKey */
        @Override
        public byte[] signingKey() {
            return signingKey.clone();
        }
    }

    /**
     * Reads one {@code AdminAction}.
     *
     * @param r reader positioned at the action
     * @return the action
     */
    static AdminAction readFrom(DerReader r) {
        int tag = r.peekTag();
        int choice = tag & 0x1F;
        if ((tag & 0xE0) != 0xA0 || choice > 10) {
            throw new DecodeException(r.position(), "unknown admin action " + DerTag.name(tag));
        }
        DerReader c = r.readExplicit(choice).readSequence();
        AdminAction action = switch (choice) {
            case 0 -> {
                long v = c.readLong(1, Long.MAX_VALUE, "configVersion");
                long max = c.readLong(1, Long.MAX_VALUE, "maxSubmissionOctets");
                long count = c.readLong(1, Long.MAX_VALUE, "rateLimitCount");
                long window = c.readLong(1, Long.MAX_VALUE, "rateLimitWindowSeconds");
                long threshold = c.readLong(1, Long.MAX_VALUE, "misbehaviourThreshold");
                List<Integer> suites = new ArrayList<>();
                DerReader l = c.readSequence();
                while (l.hasRemaining() && suites.size() < 64) {
                    suites.add((int) l.readLong(0, 65535, "suite"));
                }
                l.expectEnd();
                SequenceRule rule = SequenceRule.INCREASING;
                if (c.hasRemaining()) {
                    // DER forbids encoding the DEFAULT, so an explicit increasing(0) is not canonical
                    rule = SequenceRule.ofCode(c.readEnumerated(SequenceRule.CONTIGUOUS.code(), SequenceRule.CONTIGUOUS.code(),
                            "sequenceRule"));
                }
                yield new DeployContracts(v, max, count, window, threshold, suites, rule);
            }
            case 1 -> new RegisterSite(site(c), c.readUtf8String(1, 512, "name"), c.readOctetString(1, MAX_KEY_LENGTH, "signingKey"));
            case 2, 3, 4 -> new ChangeSiteStatus(StatusChange.values()[choice - 2], site(c),
                    c.readUtf8String(0, 1024, "reason"));
            case 5 -> new RotateSiteKey(site(c), c.readOctetString(1, MAX_KEY_LENGTH, "signingKey"));
            case 6 -> new PublishPlatformKey((int) c.readLong(0, 65535, "suite"),
                    c.readOctetString(1, MAX_KEY_LENGTH, "encryptionKey"));
            case 7 -> {
                SiteId site = site(c);
                List<KpiCode> codes = new ArrayList<>();
                DerReader l = c.readSequence();
                while (l.hasRemaining() && codes.size() <= 256) {
                    codes.add(new KpiCode(l.readUtf8String(1, 32, "kpiCode")));
                }
                l.expectEnd();
                yield new PublishCollectionPolicy(site, codes, c.readLong(1, Long.MAX_VALUE, "periodSeconds"));
            }
            case 9 -> new AddNode(new NodeInfo(c.readUtf8String(1, 64, "nodeId"), c.readOctetString(1, MAX_KEY_LENGTH, "signingKey")),
                    c.readUtf8String(3, 256, "raftAddress"), (int) c.readLong(0, 256, "quorum"));
            case 10 -> new RemoveNode(c.readUtf8String(1, 64, "nodeId"), (int) c.readLong(0, 256, "quorum"));
            default -> {
                byte[] admin = c.readOctetString(1, MAX_KEY_LENGTH, "adminKey");
                List<NodeInfo> nodes = new ArrayList<>();
                DerReader l = c.readSequence();
                while (l.hasRemaining() && nodes.size() < 256) {
                    DerReader n = l.readSequence();
                    nodes.add(new NodeInfo(n.readUtf8String(1, 256, "nodeId"), n.readOctetString(1, MAX_KEY_LENGTH, "signingKey")));
                    n.expectEnd();
                }
                l.expectEnd();
                int quorum = c.hasRemaining() ? (int) c.readLong(1, 256, "quorum") : 0;
                yield new EstablishChain(admin, nodes, quorum);
            }
        };
        c.expectEnd();
        return action;
    }

    private static SiteId site(DerReader c) {
        return SiteId.of(c.readOctetString(4, 16, "siteId"));
    }

    private static void checkText(String text, int min, int max, String field) {
        Objects.requireNonNull(text, field);
        int len = text.getBytes(StandardCharsets.UTF_8).length;
        if (len < min || len > max) {
            throw new ValidationException(Violation.INVALID_FIELD, field + " must have " + min + ".." + max + " UTF-8 octets");
        }
    }

    private static byte[] checkKey(byte[] key) {
        if (key == null || key.length == 0 || key.length > MAX_KEY_LENGTH || key[0] != DerTag.SEQUENCE) {
            throw new ValidationException(Violation.INVALID_FIELD, "key must be a DER SubjectPublicKeyInfo");
        }
        return key.clone();
    }
}
