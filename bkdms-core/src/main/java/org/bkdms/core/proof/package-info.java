/**
 * Merkle tree hashing and proofs over SHA-256: the tree, audit paths and consistency proofs of
 * RFC 6962 section 2.1, checked with the verification algorithms of RFC 9162 sections 2.1.3.2 and
 * 2.1.4.2. The blockchain platform uses them to prove that a transaction is in a block (the
 * {@code merkleRoot} of {@code BlockHeader} in {@code docs/asn1/BKDMS-LEDGER.asn}) and that a newer
 * log only appended to an older one.
 *
 * <p>{@link org.bkdms.core.proof.MerkleTree} builds roots and proofs; {@link
 * org.bkdms.core.proof.MerkleProofs} checks them and needs nothing outside this module, so an
 * auditor independent of the platform can verify what it serves. {@link
 * org.bkdms.core.proof.InclusionProofCodec} and {@link org.bkdms.core.proof.ConsistencyProofCodec}
 * carry the proofs in strict DER.
 *
 * <p>A proof binds neither the tree size nor the root by itself: verifiers MUST take both from a
 * tree head they trust (signed by the ledger), never from the proof's sender alone.
 */
package org.bkdms.core.proof;
