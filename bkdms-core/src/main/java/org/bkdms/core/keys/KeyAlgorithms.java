package org.bkdms.core.keys;

import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Maps key algorithms found in encodings to BKDMS suites and JCA names. */
final class KeyAlgorithms {
    private KeyAlgorithms() {
    }

    /** @return the suite a SubjectPublicKeyInfo belongs to */
    static CryptoSuite suiteOf(CryptoSuites suites, byte[] spki) {
        AlgorithmIdentifier alg;
        try {
            alg = SubjectPublicKeyInfo.getInstance(spki).getAlgorithm();
        } catch (RuntimeException e) {
            throw new ValidationException(Violation.INVALID_FIELD, "not a SubjectPublicKeyInfo");
        }
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519) || oid.equals(EdECObjectIdentifiers.id_X25519)) {
            return suites.byId(CryptoSuites.X25519_ED25519);
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) && alg.getParameters() != null
                && SECObjectIdentifiers.secp256r1.equals(alg.getParameters().toASN1Primitive())) {
            return suites.byId(CryptoSuites.P256_ECDSA);
        }
        throw new ValidationException(Violation.INVALID_FIELD, "key algorithm " + oid + " belongs to no supported suite");
    }

    /** @return the JCA KeyFactory algorithm for a SubjectPublicKeyInfo */
    static String jcaKeyAlgorithm(byte[] spki) {
        ASN1ObjectIdentifier oid = SubjectPublicKeyInfo.getInstance(spki).getAlgorithm().getAlgorithm();
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "Ed25519";
        }
        if (oid.equals(EdECObjectIdentifiers.id_X25519)) {
            return "X25519";
        }
        return "EC";
    }
}
