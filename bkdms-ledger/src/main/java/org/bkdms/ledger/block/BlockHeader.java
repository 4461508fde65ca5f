package org.bkdms.ledger.block;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bkdms.core.crypto.Sha256;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The header of a block: what node signatures cover and what the next block's
 * {@link #previousHash()} refers to. The block hash is SHA-256 of the header's DER encoding.
 *
 * @param chainId URL of the blockchain platform (Y.4907 Table 10-3 "Chain ID")
 * @param height 0 for genesis
 * @param previousHash hash of the previous block's header; 32 zero octets in genesis
 * @param time the block's time, which the contracts use as "now" for its transactions
 * @param txCount number of transactions
 * @param merkleRoot RFC 6962 root over the transactions' DER encodings
 * @param proposer id of the node that proposed the block
 */
public record BlockHeader(String chainId, long height, byte[] previousHash, Instant time, long txCount, byte[] merkleRoot,
        String proposer) {
    /** Octets of a block hash. */
    public static final int HASH_LENGTH = 32;
    /** Largest encoded header accepted by {@link #decode(byte[])}. */
    public static final int MAX_ENCODED_LENGTH = 1024;
    /** The previous hash of block 0. */
    public static final byte[] GENESIS_PREVIOUS = new byte[HASH_LENGTH];

    /**
     * Checks the parts and copies the arrays.
     *
     * @param chainId see {@link #chainId()}
     * @param height see {@link #height()}
     * @param previousHash see {@link #previousHash()}
     * @param time see {@link #time()}
     * @param txCount see {@link #txCount()}
     * @param merkleRoot see {@link #merkleRoot()}
     * @param proposer see {@link #proposer()}
     */
    public BlockHeader {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(proposer, "proposer");
        if (height < 0 || txCount < 0 || previousHash.length != HASH_LENGTH || merkleRoot.length != HASH_LENGTH
                || chainId.isEmpty() || chainId.length() > 512 || !chainId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new ValidationException(Violation.INVALID_FIELD, "invalid block header");
        }
        previousHash = previousHash.clone();
        merkleRoot = merkleRoot.clone();
    }

    /** @return a copy of the previous block's hash */
    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    /** @return a copy of the Merkle root */
    @Override
    public byte[] merkleRoot() {
        return merkleRoot.clone();
    }

    /** @return the header's DER encoding */
    public byte[] encode() {
        return new DerWriter().sequence(s -> s.integer(1).ia5String(chainId).integer(height).octetString(previousHash)
                .generalizedTime(time).integer(txCount).octetString(merkleRoot).utf8String(proposer)).toByteArray();
    }

    /** @return the block hash: SHA-256 of {@link #encode()} */
    public byte[] hash() {
        return Sha256.digest(encode());
    }

    /**
     * @param der a DER {@code BlockHeader}, as a node serves it alongside an inclusion proof
     * @return the header
     * @throws DecodeException if the octets are not a canonical DER {@code BlockHeader}
     */
    public static BlockHeader decode(byte[] der) {
        DerReader r = DerReader.openVersioned(der, MAX_ENCODED_LENGTH, 1, "block header");
        BlockHeader h = readFields(r);
        r.expectEnd();
        if (!Arrays.equals(h.encode(), der)) {
            throw new DecodeException(0, "block header is not in canonical form");
        }
        return h;
    }

    static BlockHeader readFrom(DerReader r) {
        int at = r.position();
        if (r.readLong(0, Integer.MAX_VALUE, "header.version") != 1) {
            throw new DecodeException(at, "unsupported block header version");
        }
        return readFields(r);
    }

    private static BlockHeader readFields(DerReader r) {
        return new BlockHeader(r.readIa5String(1, 512, "chainId"), r.readLong(0, Long.MAX_VALUE, "height"),
                r.readOctetString(HASH_LENGTH, HASH_LENGTH, "previousHash"), r.readGeneralizedTime("time"),
                r.readLong(0, Integer.MAX_VALUE, "txCount"), r.readOctetString(HASH_LENGTH, HASH_LENGTH, "merkleRoot"),
                r.readUtf8String(1, 64, "proposer"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && chainId.equals(h.chainId) && height == h.height
                && Arrays.equals(previousHash, h.previousHash) && time.equals(h.time) && txCount == h.txCount
                && Arrays.equals(merkleRoot, h.merkleRoot) && proposer.equals(h.proposer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, height, time, txCount, proposer, Arrays.hashCode(merkleRoot));
    }

    @Override
    public String toString() {
        return "BlockHeader{height=" + height + ", time=" + time + ", txs=" + txCount + ", root="
                + HexFormat.of().formatHex(merkleRoot) + ", proposer=" + proposer + "}";
    }
}
