package org.bkdms.ledger.node;

import java.util.Map;
import org.bkdms.ledger.contracts.RejectReason;

/**
 * A node's status: chain, height, size, backlog and submission counters.
 *
 * @param chainId the chain's id (its URL), or {@code null} before genesis
 * @param height committed blocks
 * @param transactions committed transactions
 * @param logBytes size of the block log
 * @param pending transactions waiting for their block
 * @param counters submission outcomes since start
 */
public record NodeStatus(String chainId, long height, long transactions, long logBytes, int pending, Counters counters) {

    /**
     * Submission outcomes since the node started.
     *
     * @param committed submissions committed
     * @param duplicates resubmissions of committed transactions
     * @param rejections rejections by reason (reasons with none are left out)
     */
    public record Counters(long committed, long duplicates, Map<RejectReason, Long> rejections) {
    }
}
