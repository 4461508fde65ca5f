package org.bkdms.platform.permission;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.platform.PlatformException;
import org.bkdms.platform.keys.PlatformKeyring;

/**
 * Site permissions and contract administration on one blockchain platform (Y.4907 clause 8.3,
 * "Permission", and Appendix I): every operation is an admin transaction signed with the platform's
 * admin key and submitted over mutual TLS; it returns once the node has committed or refused it.
 *
 * <p>Admin nonces must grow strictly per chain. The service uses the larger of the current time in
 * microseconds and one above the highest nonce it knows of (its own, and the chain's as its
 * follower saw it), so that several platform processes and restarts need no shared counter. A
 * clock that jumps back is covered by the known nonce. Thread-safe.
 */
public final class PermissionService {
    private final PlatformKeyring keys;
    private final LedgerClient client;
    private final LongSupplier chainNonce;
    private final Clock clock;
    private long lastNonce;

    /**
     * @param keys the platform's keys
     * @param client a client of one of the chain's nodes, with the platform's credentials
     * @param chainNonce the highest admin nonce known to be used on the chain (0 if unknown)
     * @param clock the clock for nonces and issue times
     */
    public PermissionService(PlatformKeyring keys, LedgerClient client, LongSupplier chainNonce, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.client = Objects.requireNonNull(client, "client");
        this.chainNonce = Objects.requireNonNull(chainNonce, "chainNonce");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param site the site
     * @param name its human name
     * @param signingKey the key its submissions will be signed with
     * @return the committed transaction's result
     * @throws PlatformException if the chain refuses it
     */
    public SubmitResult registerSite(SiteId site, String name, SuitePublicKey signingKey) {
        return submit(new AdminAction.RegisterSite(site, name, signingKey.subjectPublicKeyInfo()));
    }

    /**
     * @param change suspend, revoke or reinstate
     * @param site the site
     * @param reason why, recorded on chain
     * @return the committed transaction's result
     * @throws PlatformException if the chain refuses it
     */
    public SubmitResult changeStatus(AdminAction.StatusChange change, SiteId site, String reason) {
        return submit(new AdminAction.ChangeSiteStatus(change, site, reason));
    }

    /**
     * @param site the site
     * @param signingKey its new signing key
     * @return the committed transaction's result
     * @throws PlatformException if the chain refuses it
     */
    public SubmitResult rotateSiteKey(SiteId site, SuitePublicKey signingKey) {
        return submit(new AdminAction.RotateSiteKey(site, signingKey.subjectPublicKeyInfo()));
    }

    /**
     * Deploys the contracts' parameters, or upgrades them with a higher config version.
     *
     * @param deploy the parameters
     * @return the committed transaction's result
     * @throws PlatformException if the chain refuses it
     */
    public SubmitResult deployContracts(AdminAction.DeployContracts deploy) {
        return submit(deploy);
    }

    /**
     * @param site the site
     * @param policy which KPIs it reports and how often
     * @return the committed transaction's result
     * @throws PlatformException if the chain refuses it
     */
    public SubmitResult publishPolicy(SiteId site, AdminAction.PublishCollectionPolicy policy) {
        if (!policy.siteId().equals(site)) {
            throw new PlatformException(PlatformException.Kind.INVALID_REQUEST, "policy is for another site");
        }
        return submit(policy);
    }

    /**
     * Rotates the platform encryption key: a new key is made and written to the keystore (the old
     * one stays there), then published in the chain's key directory, where sites pick it up.
     *
     * @return the new key
     * @throws IOException if the keystore cannot be written
     * @throws GeneralSecurityException if a key cannot be read
     * @throws PlatformException if the chain refuses the publication
     */
    public SuitePublicKey rotatePlatformKey() throws IOException, GeneralSecurityException {
        SuitePrivateKey fresh = keys.rotate();
        publishPlatformKey(fresh.publicKey());
        return fresh.publicKey();
    }

    /**
     * @param key an encryption key the platform holds
     * @return the committed transaction's result
     * @throws PlatformException if the chain refuses it
     */
    public SubmitResult publishPlatformKey(SuitePublicKey key) {
        return submit(new AdminAction.PublishPlatformKey(key.suite().id(), key.subjectPublicKeyInfo()));
    }

    /**
     * Signs and submits one admin action.
     *
     * @param action the action
     * @return the result, committed
     * @throws PlatformException ({@code REJECTED}) with the chain's reason if refused
     */
    public SubmitResult submit(AdminAction action) {
        SuitePrivateKey admin;
        try {
            admin = keys.adminKey();
        } catch (GeneralSecurityException e) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "no admin key: " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        long nonce = nextNonce(now);
        LedgerTransaction tx = LedgerTransaction.sign(new AdminTransaction(nonce, now.truncatedTo(ChronoUnit.MILLIS), action),
                admin);
        SubmitResult r = client.submit(tx);
        if (r.status() == SubmitResult.Status.REJECTED) {
            throw new PlatformException(PlatformException.Kind.REJECTED, action.getClass().getSimpleName() + " refused: "
                    + r.reason() + (r.message() == null ? "" : " (" + r.message() + ")"));
        }
        return r;
    }

    private synchronized long nextNonce(Instant now) {
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        lastNonce = Math.max(Math.max(micros, chainNonce.getAsLong() + 1), lastNonce + 1);
        return lastNonce;
    }
}
