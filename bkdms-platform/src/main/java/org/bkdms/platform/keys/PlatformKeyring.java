package org.bkdms.platform.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.packet.PacketOpener;
import org.bkdms.ledger.grpc.TlsCredentials;

/**
 * The smart city platform's own keys (Y.4907 clause 8.3, "Encryption and encapsulation"), kept in one
 * PKCS#12 keystore: the admin signing key ({@value KeyAliases#PLATFORM_ADMIN}) that signs contract
 * and registry transactions, the encryption keys sites encrypt to, and the TLS key
 * ({@value CertificateAuthority#TLS_ALIAS}) the platform presents to ledger nodes.
 *
 * <p>The current encryption key has the alias {@value KeyAliases#PLATFORM_ENCRYPTION}; a rotation
 * keeps every earlier key under {@code platform-encryption-<key id>}, so records encrypted to an old
 * key stay readable for good. The keystore file is rewritten atomically, before the new key is
 * published on chain, so no site can encrypt to a key the platform could lose in a crash.
 * Thread-safe.
 */
public final class PlatformKeyring {
    /** Alias prefix of archived encryption keys. */
    public static final String ARCHIVED_PREFIX = KeyAliases.PLATFORM_ENCRYPTION + "-";

    private final Path file;
    private final char[] password;
    private final CryptoSuites suites;
    private KeyStoreFile store;
    private volatile PacketOpener opener;
    private volatile java.nio.file.attribute.FileTime loadedAt;

    private PlatformKeyring(Path file, char[] password, CryptoSuites suites, KeyStoreFile store) {
        this.file = file;
        this.password = password.clone();
        this.suites = suites;
        this.store = store;
    }

    /**
     * @param file the platform keystore
     * @param password its password
     * @param suites the suites its keys may belong to
     * @return the keyring
     * @throws IOException if the file cannot be read or the password is wrong
     * @throws GeneralSecurityException if it lacks the admin or the encryption key
     */
    public static PlatformKeyring load(Path file, char[] password, CryptoSuites suites) throws IOException,
            GeneralSecurityException {
        java.nio.file.attribute.FileTime modified = java.nio.file.Files.getLastModifiedTime(file);
        PlatformKeyring k = new PlatformKeyring(file, password, suites, KeyStoreFile.load(file, password, suites));
        k.loadedAt = modified;
        k.adminKey();
        k.refreshOpener();
        return k;
    }

    /**
     * @return the admin signing key
     * @throws GeneralSecurityException if the keystore lacks it
     */
    public synchronized SuitePrivateKey adminKey() throws GeneralSecurityException {
        return store.privateKey(KeyAliases.PLATFORM_ADMIN, password);
    }

    /**
     * @return the current encryption key
     * @throws GeneralSecurityException if the keystore lacks it
     */
    public synchronized SuitePrivateKey currentEncryptionKey() throws GeneralSecurityException {
        return store.privateKey(KeyAliases.PLATFORM_ENCRYPTION, password);
    }

    /**
     * @return every encryption key, current and archived
     * @throws GeneralSecurityException if an entry cannot be read
     */
    public synchronized List<SuitePrivateKey> encryptionKeys() throws GeneralSecurityException {
        List<SuitePrivateKey> out = new ArrayList<>();
        for (String alias : store.aliases()) {
            if ((alias.equals(KeyAliases.PLATFORM_ENCRYPTION) || alias.startsWith(ARCHIVED_PREFIX)) && store.isPrivateKey(alias)) {
                out.add(store.privateKey(alias, password));
            }
        }
        return out;
    }

    /**
     * An opener holding every encryption key. If another process (such as {@code bkdms platform key
     * rotate} beside a running server) has rewritten the keystore since it was read, it is read again
     * first, so keys rotated elsewhere open packets at once; if it cannot be read, the keys already
     * held are used.
     *
     * @return the opener
     */
    public PacketOpener opener() {
        try {
            java.nio.file.attribute.FileTime modified = java.nio.file.Files.getLastModifiedTime(file);
            if (!modified.equals(loadedAt)) {
                reload(modified);
            }
        } catch (IOException | GeneralSecurityException e) {
            // a keystore being replaced right now, say: the next block tries again
        }
        return opener;
    }

    private synchronized void reload(java.nio.file.attribute.FileTime modified) throws IOException, GeneralSecurityException {
        if (modified.equals(loadedAt)) {
            return;
        }
        store = KeyStoreFile.load(file, password, suites);
        refreshOpener();
        loadedAt = modified;
    }

    /**
     * Makes a new encryption key of the current key's suite the current one, keeps the old one under
     * its archive alias, and writes the keystore. The caller then publishes the new key on chain.
     *
     * @return the new key
     * @throws IOException if the keystore cannot be written (nothing changed then)
     * @throws GeneralSecurityException if a key cannot be read
     */
    public synchronized SuitePrivateKey rotate() throws IOException, GeneralSecurityException {
        SuitePrivateKey admin = adminKey();
        SuitePrivateKey old = currentEncryptionKey();
        SuitePrivateKey fresh = old.suite().generate(KeyPurpose.ENCRYPTION);
        KeyStoreFile next = KeyStoreFile.load(file, password, suites);
        next.putPrivateKey(ARCHIVED_PREFIX + old.keyId(), old, "platform encryption " + old.keyId(), admin, password);
        next.putPrivateKey(KeyAliases.PLATFORM_ENCRYPTION, fresh, "platform encryption " + fresh.keyId(), admin, password);
        next.save(file, password);
        store = next;
        refreshOpener();
        loadedAt = java.nio.file.Files.getLastModifiedTime(file);
        return fresh;
    }

    /**
     * @param trustedCa PEM file of the CA that issued the ledger nodes' certificates
     * @return the platform's TLS credentials for ledger connections
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if the keystore has no {@value CertificateAuthority#TLS_ALIAS} entry
     */
    public TlsCredentials tlsCredentials(Path trustedCa) throws IOException, GeneralSecurityException {
        return TlsCredentials.fromPkcs12(file, password, CertificateAuthority.TLS_ALIAS, trustedCa);
    }

    /** @return the keystore file */
    public Path file() {
        return file;
    }

    private void refreshOpener() throws GeneralSecurityException {
        opener = new PacketOpener(suites, encryptionKeys());
    }

    @Override
    public String toString() {
        return "PlatformKeyring{" + file + "}";
    }

    /** Forgets the password held in memory. */
    public void destroy() {
        Arrays.fill(password, '\0');
    }

}
