package org.bkdms.core.keys;

import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Maps key algorithms found in encodings to BKDMS suites and JCA names. */
final class KeyAlgorithms {
    private KeyAlgorithms() {
    }

    /** @return the suite a SubjectPublicKeyInfo belongs to */
    static CryptoSuite suiteOf(CryptoSuites suites, byte[] spki) {
        return suites.suiteOfKey(spki);
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
