package org.bkdms.ledger.tx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.record.SiteId;

/**
 * Builds the genesis transactions of a new chain, signed with the smart city platform's admin key
 * and numbered with consecutive nonces: establish the chain (admin key and nodes), deploy the
 * contracts, publish the platform's encryption key, register the first sites. Not thread-safe.
 */
public final class GenesisBuilder {
    private final SuitePrivateKey admin;
    private final List<AdminAction.NodeInfo> nodes = new ArrayList<>();
    private final List<AdminAction> actions = new ArrayList<>();
    private AdminAction.DeployContracts contracts;
    private Instant issuedAt = Instant.now();
    private int quorum;

    private GenesisBuilder(SuitePrivateKey admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * @param admin the platform's admin signing key, which the chain will trust
     * @return a builder
     */
    public static GenesisBuilder signedBy(SuitePrivateKey admin) {
        return new GenesisBuilder(admin);
    }

    /**
     * @param nodeId a node that may sign blocks
     * @param signingKey its block-signing key
     * @return this builder
     */
    public GenesisBuilder node(String nodeId, SuitePublicKey signingKey) {
        nodes.add(new AdminAction.NodeInfo(nodeId, signingKey.subjectPublicKeyInfo()));
        return this;
    }

    /**
     * @param signatures node signatures that make a block final; 0 (the default) for more than two
     *     thirds of the nodes
     * @return this builder
     */
    public GenesisBuilder quorum(int signatures) {
        this.quorum = signatures;
        return this;
    }

    /**
     * @param deploy the contract parameters
     * @return this builder
     */
    public GenesisBuilder contracts(AdminAction.DeployContracts deploy) {
        this.contracts = Objects.requireNonNull(deploy, "deploy");
        return this;
    }

    /**
     * @param encryptionKey the platform's encryption key
     * @return this builder
     */
    public GenesisBuilder platformKey(SuitePublicKey encryptionKey) {
        actions.add(new AdminAction.PublishPlatformKey(encryptionKey.suite().id(), encryptionKey.subjectPublicKeyInfo()));
        return this;
    }

    /**
     * @param site a sampling site to register
     * @param name its human name
     * @param signingKey its signing key
     * @return this builder
     */
    public GenesisBuilder site(SiteId site, String name, SuitePublicKey signingKey) {
        actions.add(new AdminAction.RegisterSite(site, name, signingKey.subjectPublicKeyInfo()));
        return this;
    }

    /**
     * @param time the issue time written into every genesis transaction
     * @return this builder
     */
    public GenesisBuilder issuedAt(Instant time) {
        this.issuedAt = Objects.requireNonNull(time, "time");
        return this;
    }

    /**
     * @return the signed genesis transactions, nonces 1, 2, …
     * @throws IllegalStateException if no node or no contract parameters were given
     */
    public List<LedgerTransaction> build() {
        if (nodes.isEmpty() || contracts == null) {
            throw new IllegalStateException("genesis needs at least one node and the contract parameters");
        }
        List<AdminAction> all = new ArrayList<>();
        all.add(new AdminAction.EstablishChain(admin.publicKey().subjectPublicKeyInfo(), nodes, quorum));
        all.add(contracts);
        all.addAll(actions);
        List<LedgerTransaction> txs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            txs.add(LedgerTransaction.sign(new AdminTransaction(i + 1, issuedAt, all.get(i)), admin));
        }
        return txs;
    }
}
