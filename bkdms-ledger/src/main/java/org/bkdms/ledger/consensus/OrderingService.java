package org.bkdms.ledger.consensus;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.bkdms.ledger.contracts.ContractState;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * A {@link Consensus} as a ledger node runs it: besides ordering, it creates the genesis block,
 * serializes queries with its changes to the contract state, and reports its backlog. Implemented
 * by the single-node {@link SoloOrderer} and by the multi-node cluster.
 */
public interface OrderingService extends Consensus {

    /**
     * Starts the chain from the genesis transactions if it has no genesis block yet. A single node
     * creates the block at once; a cluster proposes it and it becomes final once a quorum of nodes
     * has signed it.
     *
     * @param genesis the genesis transactions signed by the smart city platform's admin key
     * @return whether the chain had no genesis block
     * @throws IOException if the block log cannot be written
     */
    boolean initialize(List<LedgerTransaction> genesis) throws IOException;

    /**
     * Runs a read-only query against the contract state, serialized with ordering.
     *
     * @param <T> the result type
     * @param query the query; MUST NOT modify the state
     * @return its result
     */
    <T> T read(Function<ContractState, T> query);

    /** @return transactions accepted for ordering that are not yet in a final block */
    int pendingCount();

    /** Cuts the pending block now, where this node can. */
    void flush();
}
