package org.bkdms.ledger.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerTag;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.ledger.block.Block;
import org.bkdms.ledger.block.NodeSignature;

/**
 * One entry of the cluster's replicated (Raft) log. The log holds only what every node needs to
 * build the same blocks: the submitted transactions in order, the leader's proposals to cut a
 * block (with its time), and every node's signature over the block header it built. Each node
 * derives blocks from the log itself, so a leader cannot put anything into a block that the other
 * nodes' contracts refuse.
 *
 * <p>DER, one CHOICE alternative per record (explicit context tags [0] to [3]). Entries come from
 * other processes, so {@link #decode(byte[])} treats them as untrusted input.
 */
public sealed interface ClusterEntry {
    /** Largest encoded entry accepted. */
    int MAX_ENCODED_LENGTH = Block.MAX_ENCODED_LENGTH;
    /** Most transactions in one {@link Transactions} or {@link Genesis} entry. */
    int MAX_TRANSACTIONS = 100_000;

    /** @return the entry's DER encoding */
    byte[] encode();

    /**
     * Submitted transactions, in the order the log gives them.
     *
     * @param transactions DER {@code LedgerTransaction}s, not yet checked
     */
    record Transactions(List<byte[]> transactions) implements ClusterEntry {
        /**
         * Copies the list.
         *
         * @param transactions see {@link #transactions()}
         */
        public Transactions {
            transactions = List.copyOf(transactions);
            if (transactions.isEmpty() || transactions.size() > MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("1.." + MAX_TRANSACTIONS + " transactions per entry");
            }
        }

        @Override
        public byte[] encode() {
            return new DerWriter().explicit(0, e -> e.sequence(l -> transactions.forEach(l::octetString))).toByteArray();
        }
    }

    /**
     * The leader's proposal to cut the next block from the oldest {@code count} transactions that
     * wait for one.
     *
     * @param time the proposed block time (the leader's clock)
     * @param proposer the proposing node
     * @param count most transactions to take
     */
    record Cut(Instant time, String proposer, int count) implements ClusterEntry {
        /**
         * Checks the parts.
         *
         * @param time see {@link #time()}
         * @param proposer see {@link #proposer()}
         * @param count see {@link #count()}
         */
        public Cut {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(proposer, "proposer");
            if (count < 1 || count > MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("count must be 1.." + MAX_TRANSACTIONS);
            }
        }

        @Override
        public byte[] encode() {
            return new DerWriter().explicit(1, e -> e.sequence(s -> s.generalizedTime(time).utf8String(proposer).integer(count)))
                    .toByteArray();
        }
    }

    /**
     * The genesis transactions of a new chain, proposed by the first leader; only the first such
     * entry of an empty chain counts.
     *
     * @param time the genesis block time
     * @param proposer the proposing node
     * @param transactions DER genesis transactions
     */
    record Genesis(Instant time, String proposer, List<byte[]> transactions) implements ClusterEntry {
        /**
         * Checks the parts.
         *
         * @param time see {@link #time()}
         * @param proposer see {@link #proposer()}
         * @param transactions see {@link #transactions()}
         */
        public Genesis {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(proposer, "proposer");
            transactions = List.copyOf(transactions);
            if (transactions.isEmpty() || transactions.size() > MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("1.." + MAX_TRANSACTIONS + " genesis transactions");
            }
        }

        @Override
        public byte[] encode() {
            return new DerWriter().explicit(2, e -> e.sequence(s -> {
                s.generalizedTime(time).utf8String(proposer);
                s.sequence(l -> transactions.forEach(l::octetString));
            })).toByteArray();
        }
    }

    /**
     * A node's signature over the header of the block it built at {@code height}.
     *
     * @param height the block's height
     * @param signature the node's signature over the header's DER encoding
     */
    record Vote(long height, NodeSignature signature) implements ClusterEntry {
        /**
         * Checks the parts.
         *
         * @param height see {@link #height()}
         * @param signature see {@link #signature()}
         */
        public Vote {
            Objects.requireNonNull(signature, "signature");
            if (height < 0) {
                throw new IllegalArgumentException("height must not be negative");
            }
        }

        @Override
        public byte[] encode() {
            return new DerWriter().explicit(3, e -> e.sequence(s -> s.integer(height).utf8String(signature.nodeId())
                    .octetString(signature.keyId().bytes()).octetString(signature.signature()))).toByteArray();
        }
    }

    /**
     * @param der an entry as read from the replicated log
     * @return the entry
     * @throws DecodeException if the octets are not a canonical encoding of an entry
     */
    static ClusterEntry decode(byte[] der) {
        if (der.length > MAX_ENCODED_LENGTH) {
            throw new DecodeException(0, "cluster entry of " + der.length + " octets exceeds " + MAX_ENCODED_LENGTH);
        }
        DerReader top = DerReader.of(der);
        int tag = top.peekTag();
        int choice = tag & 0x1F;
        if ((tag & 0xE0) != 0xA0 || choice > 3) {
            throw new DecodeException(0, "unknown cluster entry " + DerTag.name(tag));
        }
        DerReader c = top.readExplicit(choice).readSequence();
        ClusterEntry entry;
        try {
            entry = switch (choice) {
                case 0 -> new Transactions(octetStrings(c));
                case 1 -> new Cut(c.readGeneralizedTime("time"), c.readUtf8String(1, 64, "proposer"),
                        (int) c.readLong(1, MAX_TRANSACTIONS, "count"));
                case 2 -> new Genesis(c.readGeneralizedTime("time"), c.readUtf8String(1, 64, "proposer"),
                        octetStrings(c.readSequence()));
                default -> new Vote(c.readLong(0, Long.MAX_VALUE, "height"), new NodeSignature(c.readUtf8String(1, 64, "nodeId"),
                        KeyId.wrap(c.readOctetString(KeyId.LENGTH, KeyId.LENGTH, "keyId")), c.readOctetString(1, 512, "signature")));
            };
        } catch (IllegalArgumentException e) {
            throw new DecodeException(0, "invalid cluster entry: " + e.getMessage(), e);
        }
        c.expectEnd();
        top.expectEnd();
        if (!java.util.Arrays.equals(entry.encode(), der)) {
            throw new DecodeException(0, "cluster entry is not in canonical form");
        }
        return entry;
    }

    private static List<byte[]> octetStrings(DerReader l) {
        List<byte[]> out = new ArrayList<>();
        while (l.hasRemaining()) {
            if (out.size() == MAX_TRANSACTIONS) {
                throw new DecodeException(l.position(), "more than " + MAX_TRANSACTIONS + " transactions in one entry");
            }
            out.add(l.readOctetString(1, MAX_ENCODED_LENGTH, "transaction"));
        }
        l.expectEnd();
        return out;
    }
}
