package org.bkdms.app.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.core.keys.KeyAliases;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.GenesisBuilder;
import org.bkdms.ledger.tx.SequenceRule;

/**
 * The throw-away PKI and genesis a benchmark chain starts from: a day-long CA, the platform's admin and
 * encryption keys in {@code platform.p12} (with its TLS key) beside {@code ca.pem}, and a node key.
 * Benchmarks measure throughput, so the genesis' contracts set no practical rate limit.
 *
 * @param ca the certificate authority
 * @param admin the platform's admin signing key
 * @param nodeKey the single node's block signing key
 * @param platformKey the platform's encryption key
 */
public record BenchChain(CertificateAuthority ca, SuitePrivateKey admin, SuitePrivateKey nodeKey, SuitePrivateKey platformKey) {

    /**
     * Creates the keys and writes the platform's keystore and the CA certificate into {@code dir}.
     *
     * @param suites the crypto suites; keys are of the default suite
     * @param dir where {@code platform.p12} and {@code ca.pem} go
     * @param password the keystore password
     * @return the chain's keys
     * @throws IOException if a file cannot be written
     * @throws GeneralSecurityException if a key or certificate cannot be made
     */
    public static BenchChain create(CryptoSuites suites, Path dir, char[] password) throws IOException, GeneralSecurityException {
        CryptoSuite suite = suites.defaultSuite();
        CertificateAuthority ca = CertificateAuthority.create("bench CA", Duration.ofDays(1));
        SuitePrivateKey admin = suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey nodeKey = suite.generate(KeyPurpose.SIGNING);
        SuitePrivateKey platformKey = suite.generate(KeyPurpose.ENCRYPTION);
        KeyStoreFile ks = KeyStoreFile.empty(suites);
        ks.putPrivateKey(KeyAliases.PLATFORM_ADMIN, admin, "bench admin", null, password);
        ks.putPrivateKey(KeyAliases.PLATFORM_ENCRYPTION, platformKey, "bench encryption", admin, password);
        CertificateAuthority.Issued platformTls = ca.issue("platform", "platform", null, List.of(), List.of(), Duration.ofDays(1));
        ks.putTlsKey(CertificateAuthority.TLS_ALIAS, platformTls.privateKey(), platformTls.chain(), password);
        ks.save(dir.resolve("platform.p12"), password);
        CertificateAuthority.writePem(dir.resolve("ca.pem"), List.of(ca.certificate()));
        return new BenchChain(ca, admin, nodeKey, platformKey);
    }

    /**
     * @param issuedAt the genesis time
     * @return a genesis with node {@code node-1}, the platform key and contracts without a practical
     *     rate limit that check the increasing sequence rule; the caller adds the sites
     */
    public GenesisBuilder genesis(Instant issuedAt) {
        return genesis(issuedAt, SequenceRule.INCREASING);
    }

    /**
     * @param issuedAt the genesis time
     * @param sequenceRule how the contracts check each site's sequence numbers; sites keep a window
     *     of uploads in flight only under {@link SequenceRule#CONTIGUOUS}
     * @return a genesis with node {@code node-1}, the platform key and contracts without a practical
     *     rate limit; the caller adds the sites
     */
    public GenesisBuilder genesis(Instant issuedAt, SequenceRule sequenceRule) {
        return GenesisBuilder.signedBy(admin).issuedAt(issuedAt).node("node-1", nodeKey.publicKey())
                .contracts(new AdminAction.DeployContracts(1, 65536, Long.MAX_VALUE / 2, 60, 10, List.of(1, 2), sequenceRule))
                .platformKey(platformKey.publicKey());
    }
}
