package org.bkdms.platform.trace;

import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.packet.OpenedPacket;
import org.bkdms.core.proof.InclusionProof;
import org.bkdms.core.proof.MerkleProofs;
import org.bkdms.core.proof.MerkleTree;
import org.bkdms.core.record.SiteId;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.storage.Recorder;
import org.bkdms.ledger.block.BlockHeader;
import org.bkdms.ledger.grpc.LedgerClient;
import org.bkdms.ledger.node.LedgerNode.ProvenTransaction;
import org.bkdms.ledger.tx.KpiSubmission;
import org.bkdms.ledger.tx.TxId;
import org.bkdms.platform.PlatformException;
import org.bkdms.platform.keys.PlatformKeyring;
import org.bkdms.platform.store.CheckCode;
import org.bkdms.platform.store.PlatformStore;
import org.bkdms.platform.store.PlatformStore.SiteVersion;
import org.bkdms.platform.store.PlatformStore.StoredRow;
import org.bkdms.platform.store.Rows.BlockRow;
import org.bkdms.platform.store.TracingCode;

/**
 * Traces a stored record back to its site and block (Y.4907 clause 7.2.3, "tracing" of Appendix I):
 * looks the tracing code up, fetches the transaction and its inclusion proof from a node of the
 * record's chain, checks the proof against the Merkle root of the block the platform verified and
 * stored (whose node signatures it checked on extraction), recomputes the check code from the
 * chain's data, and reads the site's registry entry at that height. Thread-safe.
 */
public final class TraceService {
    private static final HexFormat HEX = HexFormat.of();

    private final PlatformStore store;
    private final Function<String, Optional<LedgerClient>> clients;
    private final PlatformKeyring keys;
    private final CryptoSuites suites;

    /**
     * @param store the platform store
     * @param clients the client of each followed chain, by chain id
     * @param keys the platform's keys, to decrypt for authorized users
     * @param suites the crypto suites
     */
    public TraceService(PlatformStore store, Function<String, Optional<LedgerClient>> clients, PlatformKeyring keys,
            CryptoSuites suites) {
        this.store = Objects.requireNonNull(store, "store");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.suites = Objects.requireNonNull(suites, "suites");
    }

    /**
     * @param codeText the tracing code, hexadecimal
     * @param withRecord whether to decrypt the record (for users allowed to see values)
     * @return the provenance
     * @throws org.bkdms.core.error.DecodeException if the text is not a tracing code
     * @throws PlatformException {@code NOT_FOUND} if no stored record has the code or its chain is not followed
     * @throws SQLException if the database fails
     * @throws org.bkdms.ledger.grpc.LedgerException if the node fails or its reply does not check out
     */
    public Provenance trace(String codeText, boolean withRecord) throws SQLException {
        TracingCode code = TracingCode.parse(codeText);
        StoredRow row = store.findByTracingCode(code.encode()).orElseThrow(() -> new PlatformException(
                PlatformException.Kind.NOT_FOUND, "no stored record has tracing code " + codeText));
        LedgerClient client = clients.apply(row.chainId()).orElseThrow(() -> new PlatformException(
                PlatformException.Kind.NOT_FOUND, "chain " + row.chainId() + " is not followed by this platform"));
        BlockRow block = store.block(row.chainId(), row.height()).orElseThrow(() -> new PlatformException(
                PlatformException.Kind.NOT_FOUND, "block " + row.height() + " of " + row.chainId() + " is not stored"));
        boolean codeMatches = code.belongsTo(row.chainId()) && code.height() == row.height() && code.index() == row.index()
                && MessageDigest.isEqual(code.txId().bytes(), row.txId());

        Optional<ProvenTransaction> proven = client.getTransaction(code.txId());
        Provenance.Proof proof;
        String recomputed = "";
        boolean packetMatches = false;
        if (proven.isEmpty()) {
            proof = new Provenance.Proof(code.index(), 0, List.of(), false, "the node does not know transaction " + code.txId());
        } else {
            ProvenTransaction p = proven.get();
            BlockHeader h = p.header();
            InclusionProof ip = p.proof();
            boolean sameBlock = MessageDigest.isEqual(h.hash(), block.hash());
            boolean included = MerkleProofs.verifyInclusion(MerkleTree.leafHash(p.transaction().encoded()), ip, block.merkleRoot());
            boolean samePlace = p.location().height() == row.height() && p.location().index() == row.index();
            String detail = !sameBlock ? "the node's block header differs from the verified block stored"
                    : !included ? "the audit path does not lead to the block's Merkle root"
                    : !samePlace ? "the node places the transaction at " + p.location().height() + "/" + p.location().index()
                    : "";
            proof = new Provenance.Proof(ip.leafIndex(), ip.treeSize(), ip.path().stream().map(HEX::formatHex).toList(),
                    detail.isEmpty(), detail);
            if (p.transaction().body() instanceof KpiSubmission s && p.location().packetSpan().isPresent()) {
                packetMatches = MessageDigest.isEqual(s.packetDer(), row.cityData());
                var span = p.location().packetSpan().get();
                recomputed = HEX.formatHex(CheckCode.compute(new Recorder(span.offset(), span.length()),
                        p.location().block().toRecorder(), s.packetDer(), row.chainId(),
                        TracingCode.of(row.chainId(), p.location().height(), p.location().index(), p.transaction().id()).encode(),
                        h.hash()));
            }
        }
        String stored = HEX.formatHex(row.checkCode());
        Provenance.Check check = new Provenance.Check(stored, recomputed, packetMatches && stored.equals(recomputed));

        SiteVersion version = entryAt(row.chainId(), row.siteId(), row.height());
        Provenance.Site site = new Provenance.Site(row.siteId(), row.siteSequence(), row.submittedAt().toString(),
                version == null ? "" : version.name(), version == null ? "UNREGISTERED" : version.status(),
                version == null ? "" : version.signingKeyId(), version == null ? -1 : version.sinceHeight());
        Provenance.BlockInfo blockInfo = new Provenance.BlockInfo(HEX.formatHex(block.hash()), HEX.formatHex(block.previousHash()),
                HEX.formatHex(block.merkleRoot()), block.time().toString(), block.proposer(),
                new long[] {block.logOffset(), block.logLength()}, true);
        String evidence = store.evidence(row.tracingCode()).map(e -> e.reason() + ": " + e.detail()).orElse(null);
        Provenance.DecryptedRecord record = null;
        if (withRecord && row.verified()) {
            record = decrypt(row);
        }
        boolean consistent = codeMatches && proof.verified() && check.valid();
        return new Provenance(code.toString(), row.chainId(), row.height(), row.index(), HEX.formatHex(row.txId()), site,
                blockInfo, new long[] {row.dataOffset(), row.dataLength()}, proof, check, row.verified(), evidence, record,
                consistent);
    }

    private SiteVersion entryAt(String chainId, String siteId, long height) throws SQLException {
        SiteVersion found = null;
        for (SiteVersion v : store.siteVersions(chainId, SiteId.parse(siteId))) {
            if (v.sinceHeight() <= height) {
                found = v;
            }
        }
        return found;
    }

    private Provenance.DecryptedRecord decrypt(StoredRow row) throws SQLException {
        try {
            var packet = KpiPacketCodec.decode(row.cityData());
            byte[] spki = store.siteSigningKey(row.chainId(), row.siteId(), packet.encryptedDigest().signerKeyId().bytes())
                    .orElseThrow(() -> new PlatformException(PlatformException.Kind.NOT_FOUND, "site key not stored"));
            CryptoSuite suite = suites.suiteOfKey(spki);
            SuitePublicKey siteKey = suite.publicKey(KeyPurpose.SIGNING, spki);
            OpenedPacket opened = keys.opener().open(packet, siteKey);
            UnifiedKpiRecord r = opened.record();
            Map<String, String> values = new LinkedHashMap<>();
            r.kpiData().values().forEach((k, v) -> values.put(k, v.toString()));
            return new Provenance.DecryptedRecord(r.countryRegion().numeric(), r.city().scheme().label(), r.city().code(),
                    r.siteId().toString(), r.time().toString(), r.kpiData().code().canonical(), r.kpiData().unit(), values,
                    r.extending().sequenceNumber().isPresent() ? r.extending().sequenceNumber().getAsLong() : null);
        } catch (BkdmsException e) {
            return null;
        }
    }

    /**
     * @param txId a transaction id
     * @return its tracing code text, if a stored record has it
     * @throws SQLException if the database fails
     */
    public Optional<String> tracingCodeOf(TxId txId) throws SQLException {
        return store.tracingCodeOf(txId.bytes());
    }
}
