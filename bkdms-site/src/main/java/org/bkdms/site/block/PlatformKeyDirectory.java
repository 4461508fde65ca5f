package org.bkdms.site.block;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.ledger.contracts.PlatformKeyEntry;
import org.bkdms.ledger.grpc.LedgerException;
import org.bkdms.site.storage.SiteStore;

/**
 * The site's view of the platform key directory on chain (Y.4907 clause 9): which encryption key
 * of the smart city platform to seal records to. The newest published key of the site's own
 * crypto suite wins, so a rotation on chain is followed at the next {@link #refresh()}; keys of
 * other suites (or suites this program does not know) are never used. The chosen key is kept in
 * the site store, so a restarted site can seal while the platform is unreachable.
 *
 * <p>Thread-safe.
 */
public final class PlatformKeyDirectory {
    private static final Logger LOG = Logger.getLogger(PlatformKeyDirectory.class.getName());
    private static final String META_KEY = "platform_key";

    private final LedgerPort ledger;
    private final SiteStore store;
    private final CryptoSuites suites;
    private final CryptoSuite siteSuite;
    private volatile SuitePublicKey current;

    /**
     * @param ledger where the directory is read
     * @param store where the chosen key is remembered
     * @param suites the suites this program supports
     * @param siteSuite the suite of the site's signing key; the platform key must be of the same
     */
    public PlatformKeyDirectory(LedgerPort ledger, SiteStore store, CryptoSuites suites, CryptoSuite siteSuite) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.store = Objects.requireNonNull(store, "store");
        this.suites = Objects.requireNonNull(suites, "suites");
        this.siteSuite = Objects.requireNonNull(siteSuite, "siteSuite");
        this.current = remembered().orElse(null);
    }

    /**
     * Reads the directory from the chain and switches to its newest usable key.
     *
     * @return the key now in use
     * @throws NoPlatformKeyException if the directory holds no key of the site's suite
     * @throws org.bkdms.ledger.grpc.LedgerUnavailableException if the platform cannot be reached
     */
    public SuitePublicKey refresh() {
        List<PlatformKeyEntry> entries;
        try {
            entries = ledger.platformKeys();
        } catch (LedgerException e) {
            if (e instanceof org.bkdms.ledger.grpc.LedgerUnavailableException) {
                throw e;
            }
            // a key of a suite this program does not know makes the client refuse the whole reply
            throw new NoPlatformKeyException("the platform key directory cannot be used: " + e.getMessage(), e);
        }
        SuitePublicKey chosen = choose(entries, siteSuite)
                .orElseThrow(() -> new NoPlatformKeyException("the platform key directory holds no " + siteSuite.name()
                        + " encryption key (keys: " + entries.size() + ")", null));
        SuitePublicKey before = current;
        if (before == null || !before.keyId().equals(chosen.keyId())) {
            LOG.info(() -> "sealing to platform key " + chosen.keyId() + " (" + chosen.suite().name() + ")"
                    + (before == null ? "" : ", replacing " + before.keyId()));
            store.inTransaction(u -> {
                u.setMeta(META_KEY, chosen.suite().id() + ":" + HexFormat.of().formatHex(chosen.subjectPublicKeyInfo()));
                return null;
            });
            current = chosen;
        }
        return chosen;
    }

    /**
     * @return the key in use, reading the directory first if none is known yet
     */
    public SuitePublicKey current() {
        SuitePublicKey k = current;
        return k != null ? k : refresh();
    }

    /**
     * @param entries the directory, oldest first
     * @param suite the required suite
     * @return the newest encryption key of that suite
     */
    static Optional<SuitePublicKey> choose(List<PlatformKeyEntry> entries, CryptoSuite suite) {
        SuitePublicKey chosen = null;
        for (PlatformKeyEntry e : entries) {
            SuitePublicKey k = e.key();
            if (k.suite().id() == suite.id() && k.purpose() == KeyPurpose.ENCRYPTION) {
                chosen = k;
            }
        }
        return Optional.ofNullable(chosen);
    }

    private Optional<SuitePublicKey> remembered() {
        Optional<String> text = store.inTransaction(u -> u.meta(META_KEY));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] parts = text.get().split(":", 2);
            CryptoSuite s = suites.byId(Integer.parseInt(parts[0]));
            if (s.id() != siteSuite.id()) {
                return Optional.empty();
            }
            return Optional.of(s.publicKey(KeyPurpose.ENCRYPTION, HexFormat.of().parseHex(parts[1])));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring an unreadable remembered platform key; it is read again from the chain", e);
            return Optional.empty();
        }
    }
}
