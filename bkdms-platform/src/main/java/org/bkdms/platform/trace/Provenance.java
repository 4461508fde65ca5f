package org.bkdms.platform.trace;

import java.util.List;
import java.util.Map;

/**
 * The whole provenance of one stored record (Y.4907 clause 7.2.3 and Appendix I): which site
 * submitted it and what the registry said about the site then, which block holds it and where, the
 * inclusion proof of its transaction (checked), the check code (recomputed), and, for users allowed
 * to see values, the decrypted record. Plain data for JSON.
 *
 * @param tracingCode the tracing code (hexadecimal)
 * @param chainId the chain
 * @param height the block
 * @param index the transaction's index in the block
 * @param txId the transaction id (hexadecimal)
 * @param site the submitting site and its registry entry at that height
 * @param block the block
 * @param dataRecorder the packet's offset and length inside the block
 * @param proof the inclusion proof and its verdict
 * @param checkCode the check code and its verdict
 * @param packetVerified whether the packet passed every check at the platform
 * @param evidence why it did not, if it did not
 * @param record the decrypted record, for authorized users whose packet verified; otherwise {@code null}
 * @param consistent whether every check of this trace passed
 */
public record Provenance(String tracingCode, String chainId, long height, int index, String txId, Site site, BlockInfo block,
        long[] dataRecorder, Proof proof, Check checkCode, boolean packetVerified, String evidence, DecryptedRecord record,
        boolean consistent) {

    /**
     * The submitting site.
     *
     * @param siteId its Site ID
     * @param sequence the submission's sequence number
     * @param submittedAt when it submitted (ISO 8601)
     * @param name its registry name at that height
     * @param status its registry status at that height
     * @param signingKeyId its signing key at that height
     * @param entrySinceHeight the block from which that entry was in force
     */
    public record Site(String siteId, long sequence, String submittedAt, String name, String status, String signingKeyId,
            long entrySinceHeight) {
    }

    /**
     * The block.
     *
     * @param hash its hash
     * @param previousHash the previous block's hash
     * @param merkleRoot its Merkle root
     * @param time its time
     * @param proposer the proposing node
     * @param blockRecorder its offset and length in the block log
     * @param signaturesVerified whether its node signatures were verified (when it was extracted)
     */
    public record BlockInfo(String hash, String previousHash, String merkleRoot, String time, String proposer,
            long[] blockRecorder, boolean signaturesVerified) {
    }

    /**
     * The inclusion proof.
     *
     * @param leafIndex the leaf
     * @param treeSize leaves in the block's tree
     * @param path the audit path, nearest the leaf first
     * @param verified whether it leads from the transaction to the Merkle root of the stored, signed block
     * @param detail what failed, if anything
     */
    public record Proof(long leafIndex, long treeSize, List<String> path, boolean verified, String detail) {
    }

    /**
     * The check code.
     *
     * @param stored as stored
     * @param recomputed as recomputed from the chain
     * @param valid whether they agree
     */
    public record Check(String stored, String recomputed, boolean valid) {
    }

    /**
     * A decrypted unified KPI record.
     *
     * @param countryRegion ISO 3166-1 numeric code
     * @param cityScheme the city coding scheme
     * @param city the city code
     * @param siteId the site
     * @param time the record's time
     * @param kpiCode the KPI
     * @param unit its unit
     * @param values the values per data series, as reported
     * @param sequenceNumber the record's sequence number, if any
     */
    public record DecryptedRecord(int countryRegion, String cityScheme, String city, String siteId, String time, String kpiCode,
            String unit, Map<String, String> values, Long sequenceNumber) {
    }
}
