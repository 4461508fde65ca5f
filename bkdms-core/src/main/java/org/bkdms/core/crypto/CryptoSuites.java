package org.bkdms.core.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bkdms.core.error.VerificationException;
import org.bkdms.core.error.VerificationException.Failure;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The crypto suites this build supports, looked up by the number carried in packets or by name.
 * Immutable and thread-safe.
 */
public final class CryptoSuites {
    /** Suite 1 (default): X25519 HPKE with AES-256-GCM, Ed25519, SHA-256. */
    public static final int X25519_ED25519 = 1;
    /** Suite 2: P-256 HPKE with AES-128-GCM, ECDSA P-256, SHA-256. */
    public static final int P256_ECDSA = 2;

    private final Map<Integer, CryptoSuite> byId;
    private final CryptoSuite defaultSuite;

    private CryptoSuites(List<CryptoSuite> suites) {
        this.byId = suites.stream().collect(Collectors.toUnmodifiableMap(CryptoSuite::id, Function.identity()));
        this.defaultSuite = suites.get(0);
    }

    /**
     * @param random randomness for key generation, salts and HPKE ephemeral keys
     * @return the registered suites, suite 1 being the default
     */
    public static CryptoSuites standard(SecureRandom random) {
        return new CryptoSuites(List.of(new X25519Ed25519Suite(random), new P256Suite(random)));
    }

    /** @return the registered suites with a fresh {@link SecureRandom} */
    public static CryptoSuites standard() {
        return standard(new SecureRandom());
    }

    /** @return the default suite */
    public CryptoSuite defaultSuite() {
        return defaultSuite;
    }

    /** @return all suites, ordered by number */
    public List<CryptoSuite> all() {
        return byId.values().stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
    }

    /**
     * @param id suite number
     * @return the suite
     * @throws VerificationException with {@link Failure#UNSUPPORTED_SUITE} if unknown
     */
    public CryptoSuite byId(int id) {
        CryptoSuite s = byId.get(id);
        if (s == null) {
            throw new VerificationException(Failure.UNSUPPORTED_SUITE, "unsupported crypto suite " + id
                    + "; this build supports " + all().stream().map(CryptoSuite::toString).toList());
        }
        return s;
    }

    /**
     * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo of any BKDMS key
     * @return the suite the key's algorithm belongs to
     * @throws ValidationException if the encoding is malformed or the algorithm belongs to no suite
     */
    public CryptoSuite suiteOfKey(byte[] subjectPublicKeyInfo) {
        AlgorithmIdentifier alg;
        try {
            alg = SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo).getAlgorithm();
        } catch (RuntimeException e) {
            throw new ValidationException(Violation.INVALID_FIELD, "not a SubjectPublicKeyInfo");
        }
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519) || oid.equals(EdECObjectIdentifiers.id_X25519)) {
            return byId(X25519_ED25519);
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) && alg.getParameters() != null
                && SECObjectIdentifiers.secp256r1.equals(alg.getParameters().toASN1Primitive())) {
            return byId(P256_ECDSA);
        }
        throw new ValidationException(Violation.INVALID_FIELD, "key algorithm " + oid + " belongs to no supported suite");
    }

    /**
     * @param nameOrId suite name (case-insensitive) or number
     * @return the suite
     * @throws VerificationException with {@link Failure#UNSUPPORTED_SUITE} if unknown
     */
    public CryptoSuite byName(String nameOrId) {
        for (CryptoSuite s : byId.values()) {
            if (s.name().equalsIgnoreCase(nameOrId) || Integer.toString(s.id()).equals(nameOrId)) {
                return s;
            }
        }
        throw new VerificationException(Failure.UNSUPPORTED_SUITE, "unknown crypto suite '" + nameOrId
                + "'; known: " + all().stream().map(CryptoSuite::name).toList());
    }
}
