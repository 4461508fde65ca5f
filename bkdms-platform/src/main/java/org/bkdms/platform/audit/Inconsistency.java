package org.bkdms.platform.audit;

/**
 * One inconsistency an audit found between the platform database and a chain.
 *
 * @param kind what kind
 * @param chainId the chain
 * @param height the block concerned, or -1
 * @param index the transaction concerned, or -1
 * @param rowId the database id of the row concerned, or -1
 * @param tracingCode the tracing code of the row or transaction concerned (hexadecimal), or empty
 * @param detail what exactly differs
 */
public record Inconsistency(Kind kind, String chainId, long height, int index, long rowId, String tracingCode, String detail) {

    /** The kinds of inconsistency. */
    public enum Kind {
        /** A stored row differs from the chain's record (city data, codes, recorders, site...). */
        MODIFIED_ROW,
        /** A KPI submission on chain has no stored row although its block is stored. */
        MISSING_ROW,
        /** A stored row has no matching transaction on chain. */
        ORPHAN_ROW,
        /** The chain itself does not verify (hash link, Merkle root, signatures, replay). */
        CHAIN_BREAK,
        /** A stored block differs from the chain's block at that height, or is missing. */
        BLOCK_MISMATCH
    }

    @Override
    public String toString() {
        return kind + " chain=" + chainId + (height >= 0 ? " height=" + height : "") + (index >= 0 ? " index=" + index : "")
                + (rowId >= 0 ? " row=" + rowId : "") + (tracingCode.isEmpty() ? "" : " tracing=" + tracingCode) + ": " + detail;
    }
}
