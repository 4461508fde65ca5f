package org.bkdms.ledger.grpc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.bkdms.ledger.contracts.RejectReason;

/**
 * Counts the submissions the transport refuses before the node sees them (a site submitting for
 * another site, an admin transaction from a site, ...). The node counts the rest; {@code Status}
 * reports the sum. Thread-safe.
 */
final class TransportRejections {
    private final Map<RejectReason, LongAdder> counts = new EnumMap<>(RejectReason.class);

    TransportRejections() {
        for (RejectReason r : RejectReason.values()) {
            counts.put(r, new LongAdder());
        }
    }

    void add(RejectReason reason) {
        counts.get(reason).increment();
    }

    /** @return the node's rejection counts plus these, leaving out reasons with none */
    Map<RejectReason, Long> addTo(Map<RejectReason, Long> nodeCounts) {
        Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        out.putAll(nodeCounts);
        counts.forEach((reason, n) -> {
            long v = n.sum();
            if (v > 0) {
                out.merge(reason, v, Long::sum);
            }
        });
        return out;
    }
}
