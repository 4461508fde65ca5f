package org.bkdms.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.tx.AdminAction.StatusChange;
import org.junit.jupiter.api.Test;

class LedgerTransactionTest {
    private final LedgerFixture f = new LedgerFixture();
    private static final Instant T = Instant.parse("2026-02-03T04:05:06.789Z");

    private List<AdminAction> everyAction() {
        byte[] key = f.siteAKey.publicKey().subjectPublicKeyInfo();
        return List.of(
                new AdminAction.DeployContracts(7, 65536, 100, 60, 5, List.of(1, 2)),
                new AdminAction.DeployContracts(8, 65536, 100, 60, 5, List.of(1), SequenceRule.CONTIGUOUS),
                new AdminAction.RegisterSite(f.siteA, "Trondheim, Elgeseter", key),
                new AdminAction.ChangeSiteStatus(StatusChange.SUSPEND, f.siteB, "sensor fault"),
                new AdminAction.ChangeSiteStatus(StatusChange.REVOKE, f.siteB, ""),
                new AdminAction.ChangeSiteStatus(StatusChange.REINSTATE, f.siteB, "repaired"),
                new AdminAction.RotateSiteKey(f.siteA, key),
                new AdminAction.PublishPlatformKey(1, f.platform.publicKey().subjectPublicKeyInfo()),
                new AdminAction.PublishCollectionPolicy(f.siteA, List.of(KpiCode.parse("EN: EN: AQ: 1C"),
                        KpiCode.parse("EC: ICT: ICT: 1C")), 86400),
                new AdminAction.EstablishChain(f.admin.publicKey().subjectPublicKeyInfo(),
                        List.of(new AdminAction.NodeInfo("node-1", f.node.publicKey().subjectPublicKeyInfo()))));
    }

    @Test
    void everyKindOfTransactionRoundTripsAndVerifies() {
        for (AdminAction action : everyAction()) {
            LedgerTransaction tx = LedgerTransaction.sign(new AdminTransaction(3, T, action), f.admin);
            LedgerTransaction decoded = LedgerTransaction.decode(tx.encoded());
            assertThat(decoded.body()).as(action.toString()).usingRecursiveComparison().isEqualTo(tx.body());
            assertThat(decoded.encoded()).isEqualTo(tx.encoded());
            assertThat(decoded.id()).isEqualTo(tx.id());
            assertThat(decoded.verifySignature(f.admin.publicKey())).isTrue();
        }
        LedgerTransaction sub = f.submission(f.siteA, 42);
        LedgerTransaction decoded = LedgerTransaction.decode(sub.encoded());
        assertThat(decoded.body()).isEqualTo(sub.body());
        assertThat(decoded.verifySignature(f.siteAKey.publicKey())).isTrue();
        assertThat(decoded.verifySignature(f.siteBKey.publicKey())).isFalse();
        LedgerTransaction report = LedgerTransaction.sign(new MisbehaviourReport(f.siteA, MisbehaviourReport.Kind.FLOOD, T,
                sub.encoded()), f.node);
        assertThat(LedgerTransaction.decode(report.encoded()).body()).isEqualTo(report.body());
    }

    @Test
    void theSequenceRuleIsEncodedOnlyWhenContiguousSoOldConfigurationsKeepTheirBytes() {
        AdminAction.DeployContracts old = new AdminAction.DeployContracts(7, 65536, 100, 60, 5, List.of(1, 2));
        byte[] written = new DerWriter().explicit(0, old::writeContent).toByteArray();
        // the encoding every chain wrote before the rule existed
        byte[] before = new DerWriter().explicit(0, w -> w.sequence(q -> {
            q.integer(7).integer(65536).integer(100).integer(60).integer(5);
            q.sequence(l -> l.integer(1).integer(2));
        })).toByteArray();
        assertThat(written).isEqualTo(before);
        assertThat(AdminAction.readFrom(DerReader.of(before))).isEqualTo(old);
        assertThat(old.sequenceRule()).isEqualTo(SequenceRule.INCREASING);

        AdminAction.DeployContracts contiguous = old.withSequenceRule(SequenceRule.CONTIGUOUS);
        byte[] withRule = new DerWriter().explicit(0, contiguous::writeContent).toByteArray();
        assertThat(java.util.Arrays.copyOfRange(withRule, withRule.length - 3, withRule.length))
                .containsExactly(0x0A, 0x01, 0x01);
        assertThat(AdminAction.readFrom(DerReader.of(withRule))).isEqualTo(contiguous);

        // DER never encodes a DEFAULT value, so an explicit increasing(0) is not canonical
        byte[] explicitDefault = new DerWriter().explicit(0, w -> w.sequence(q -> {
            q.integer(7).integer(65536).integer(100).integer(60).integer(5);
            q.sequence(l -> l.integer(1).integer(2));
            q.enumerated(0);
        })).toByteArray();
        assertThatThrownBy(() -> AdminAction.readFrom(DerReader.of(explicitDefault))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("sequenceRule");
    }

    @Test
    void aSignatureOverOtherBytesDoesNotVerify() {
        SuitePrivateKey other = f.suite.generate(KeyPurpose.SIGNING);
        KpiSubmission body = f.submissionBody(f.siteA, 1, f.siteAKey);
        LedgerTransaction wrong = LedgerTransaction.assemble(body, f.siteAKey.keyId(), f.suite.sign(other, body.encode()));
        assertThat(wrong.verifySignature(f.siteAKey.publicKey())).isFalse();
    }

    @Test
    void malformedTransactionsAreDecodeErrors() {
        byte[] good = f.submission(f.siteA, 1).encoded();
        byte[] wrongChoice = good.clone();
        wrongChoice[0] = (byte) 0xA5;
        assertThatThrownBy(() -> LedgerTransaction.decode(wrongChoice)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("LedgerTransaction");
        assertThatThrownBy(() -> LedgerTransaction.decode(new byte[LedgerTransaction.MAX_ENCODED_LENGTH + 1]))
                .isInstanceOf(DecodeException.class).hasMessageContaining("exceeds");
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> LedgerTransaction.decode(trailing)).isInstanceOf(DecodeException.class);
    }
}
