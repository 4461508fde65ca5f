package org.bkdms.ledger.node;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bkdms.ledger.consensus.SubmitResult;
import org.bkdms.ledger.contracts.RejectReason;

/** Counters of a node's submissions by outcome and rejection reason. Thread-safe. */
final class NodeMetrics {
    private final LongAdder committed = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final Map<RejectReason, AtomicLong> rejections = new EnumMap<>(RejectReason.class);

    NodeMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejections.put(r, new AtomicLong());
        }
    }

    void outcome(SubmitResult r) {
        switch (r.status()) {
            case COMMITTED -> committed.increment();
            case DUPLICATE -> duplicates.increment();
            case REJECTED -> rejected(r.reason());
            default -> throw new IllegalStateException(r.status().name());
        }
    }

    void rejected(RejectReason reason) {
        rejections.get(reason).incrementAndGet();
    }

    NodeStatus.Counters snapshot() {
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        rejections.forEach((k, v) -> {
            if (v.get() > 0) {
                byReason.put(k, v.get());
            }
        });
        return new NodeStatus.Counters(committed.sum(), duplicates.sum(), Map.copyOf(byReason));
    }
}
