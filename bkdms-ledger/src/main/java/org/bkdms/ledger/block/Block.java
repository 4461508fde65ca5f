package org.bkdms.ledger.block;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bkdms.core.crypto.KeyId;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerTag;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.proof.InclusionProof;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.LedgerTransaction;

/**
 * A block of the BKDMS chain: header, transactions and node signatures over the header, in the DER
 * form {@code Block} of {@code docs/asn1/BKDMS-LEDGER.asn}. The block also knows where each
 * transaction, and each submitted packet, lies inside its own encoding: those spans plus the
 * block's position in the block log are the "data recorder" and "block recorder" of Y.4907 Table
 * 10-3. Immutable and thread-safe.
 */
public final class Block {
    /** Largest encoded block accepted by {@link #decode(byte[])}. */
    public static final int MAX_ENCODED_LENGTH = 64 * 1024 * 1024;

    private final BlockHeader header;
    private final List<LedgerTransaction> transactions;
    private final List<NodeSignature> signatures;
    private final byte[] encoded;
    private final List<Span> txSpans;
    private final List<Span> packetSpans;
    /** Leaf hashes, computed on first use: a node serves one inclusion proof per submission of a block. */
    private volatile List<byte[]> leaves;

    private Block(BlockHeader header, List<LedgerTransaction> transactions, List<NodeSignature> signatures, byte[] encoded,
            List<Span> txSpans, List<Span> packetSpans) {
        this.header = header;
        this.transactions = List.copyOf(transactions);
        this.signatures = List.copyOf(signatures);
        this.encoded = encoded;
        this.txSpans = Collections.unmodifiableList(txSpans);
        this.packetSpans = Collections.unmodifiableList(packetSpans);
    }

    /**
     * @param transactions transactions in block order
     * @return the RFC 6962 Merkle root over their encodings
     */
    public static byte[] merkleRoot(List<LedgerTransaction> transactions) {
        return MerkleTree.root(leafHashes(transactions));
    }

    private static List<byte[]> leafHashes(List<LedgerTransaction> transactions) {
        List<byte[]> leaves = new ArrayList<>(transactions.size());
        for (LedgerTransaction tx : transactions) {
            leaves.add(MerkleTree.leafHash(tx.encoded()));
        }
        return leaves;
    }

    /**
     * Builds and signs a block.
     *
     * @param header the header; its Merkle root and count must match the transactions
     * @param transactions the transactions
     * @param nodeId the signing node
     * @param nodeKey its block-signing key
     * @return the block
     */
    public static Block sign(BlockHeader header, List<LedgerTransaction> transactions, String nodeId, SuitePrivateKey nodeKey) {
        byte[] signature = nodeKey.suite().sign(nodeKey, header.encode());
        return assemble(header, transactions, List.of(new NodeSignature(nodeId, nodeKey.keyId(), signature)));
    }

    /**
     * @param header the header
     * @param transactions the transactions
     * @param signatures node signatures over the header
     * @return the block
     */
    public static Block assemble(BlockHeader header, List<LedgerTransaction> transactions, List<NodeSignature> signatures) {
        byte[] der = new DerWriter().sequence(s -> {
            s.raw(header.encode());
            s.sequence(l -> transactions.forEach(t -> l.raw(t.encoded())));
            s.sequence(l -> signatures.forEach(g -> l.sequence(e -> e.utf8String(g.nodeId()).octetString(g.keyId().bytes())
                    .octetString(g.signature()))));
        }).toByteArray();
        return decode(der);
    }

    /**
     * @param der a DER {@code Block}
     * @return the block (signatures and Merkle root are not checked here; see the chain verifier)
     * @throws DecodeException if the bytes are not the canonical encoding of a block
     */
    public static Block decode(byte[] der) {
        if (der.length > MAX_ENCODED_LENGTH) {
            throw new DecodeException(0, "block of " + der.length + " octets exceeds " + MAX_ENCODED_LENGTH);
        }
        DerReader top = DerReader.of(der);
        DerReader r = top.readSequence();
        top.expectEnd();
        DerReader h = r.readSequence();
        BlockHeader header = BlockHeader.readFrom(h);
        h.expectEnd();
        DerReader txs = r.readSequence();
        List<LedgerTransaction> transactions = new ArrayList<>();
        List<Span> txSpans = new ArrayList<>();
        List<Span> packetSpans = new ArrayList<>();
        while (txs.hasRemaining()) {
            int start = txs.position();
            int tag = txs.peekTag();
            if ((tag & 0xE0) != 0xA0) {
                throw new DecodeException(start, "expected a LedgerTransaction but found " + DerTag.name(tag));
            }
            byte[] txDer = txs.readElement(tag);
            LedgerTransaction tx = LedgerTransaction.decode(txDer);
            transactions.add(tx);
            txSpans.add(new Span(start, txDer.length));
            packetSpans.add(tx.body() instanceof KpiSubmission ? packetSpan(der, start) : null);
        }
        DerReader sigs = r.readSequence();
        List<NodeSignature> signatures = new ArrayList<>();
        while (sigs.hasRemaining()) {
            DerReader g = sigs.readSequence();
            signatures.add(new NodeSignature(g.readUtf8String(1, 64, "nodeId"),
                    KeyId.wrap(g.readOctetString(KeyId.LENGTH, KeyId.LENGTH, "keyId")), g.readOctetString(1, 512, "signature")));
            g.expectEnd();
        }
        r.expectEnd();
        if (transactions.size() != header.txCount()) {
            throw new DecodeException(0, "header says " + header.txCount() + " transactions, block has " + transactions.size());
        }
        return new Block(header, transactions, signatures, der, txSpans, packetSpans);
    }

    /** Walks a submission's encoding to the packet: [0] { body { version, siteId, sequence, submittedAt, packet } ... }. */
    private static Span packetSpan(byte[] blockDer, int txStart) {
        DerReader all = DerReader.of(blockDer);
        DerReader at = skipTo(all, txStart);
        DerReader body = at.readExplicit(0).readSequence().readSequence();
        body.readLong(0, Long.MAX_VALUE, "version");
        body.readOctetString(4, 16, "siteId");
        body.readLong(0, Long.MAX_VALUE, "sequence");
        body.readGeneralizedTime("submittedAt");
        int start = body.position();
        byte[] packet = body.readElement(DerTag.SEQUENCE);
        return new Span(start, packet.length);
    }

    private static DerReader skipTo(DerReader all, int offset) {
        // the block is already validated; walk the top-level structure down to the transaction list
        DerReader r = all.readSequence();
        r.readSequence();
        DerReader txs = r.readSequence();
        while (txs.position() < offset) {
            txs.readElement(txs.peekTag());
        }
        return txs;
    }

    /** @return the header */
    public BlockHeader header() {
        return header;
    }

    /** @return the block's height */
    public long height() {
        return header.height();
    }

    /** @return the block hash (of the header) */
    public byte[] hash() {
        return header.hash();
    }

    /** @return the transactions in order */
    public List<LedgerTransaction> transactions() {
        return transactions;
    }

    /** @return node signatures over the header */
    public List<NodeSignature> signatures() {
        return signatures;
    }

    /** @return a copy of the block's DER encoding */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** @return the size of the encoding */
    public int size() {
        return encoded.length;
    }

    /**
     * @param index transaction index
     * @return where the transaction lies inside the block's encoding
     */
    public Span txSpan(int index) {
        return txSpans.get(index);
    }

    /**
     * @param index transaction index
     * @return where the submitted packet lies inside the block's encoding, for KPI submissions
     */
    public Optional<Span> packetSpan(int index) {
        return Optional.ofNullable(packetSpans.get(index));
    }

    /**
     * @param index transaction index
     * @return the RFC 6962 inclusion proof of that transaction in this block's Merkle tree
     */
    public InclusionProof inclusionProof(int index) {
        return MerkleTree.inclusionProof(leaves(), index);
    }

    /** @return whether the header's Merkle root matches the transactions */
    public boolean merkleRootMatches() {
        return Arrays.equals(MerkleTree.root(leaves()), header.merkleRoot());
    }

    private List<byte[]> leaves() {
        List<byte[]> l = leaves;
        if (l == null) {
            // two threads may both compute it; they get equal lists, and the hashes are never handed out
            l = Collections.unmodifiableList(leafHashes(transactions));
            leaves = l;
        }
        return l;
    }

    @Override
    public String toString() {
        return "Block{" + header + ", " + encoded.length + " octets}";
    }
}
