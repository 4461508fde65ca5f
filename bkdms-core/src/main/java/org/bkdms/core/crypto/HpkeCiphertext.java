package org.bkdms.core.crypto;

/**
 * The output of HPKE single-shot encryption (RFC 9180 section 6.1).
 *
 * @param enc the encapsulated key
 * @param ciphertext the AEAD ciphertext with its tag
 */
public record HpkeCiphertext(byte[] enc, byte[] ciphertext) {
}
