package org.bkdms.ledger.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.record.SiteId;
import org.bkdms.ledger.LedgerFixture;
import org.bkdms.ledger.tx.AdminAction;
import org.bkdms.ledger.tx.AdminAction.ChangeSiteStatus;
import org.bkdms.ledger.tx.AdminAction.StatusChange;
import org.bkdms.ledger.tx.AdminTransaction;
import org.bkdms.ledger.tx.LedgerTransaction;
import org.bkdms.ledger.tx.MisbehaviourReport;
import org.bkdms.ledger.tx.SequenceRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractStateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private LedgerFixture f;
    private ContractState state;
    private long height;

    @BeforeEach
    void genesis() {
        f = new LedgerFixture(5);
        state = f.newState();
        for (LedgerTransaction tx : f.genesis()) {
            assertThat(state.checkAndApply(tx, 0, T0).isAccepted()).isTrue();
        }
        height = 1;
    }

    private Verdict apply(LedgerTransaction tx) {
        return state.checkAndApply(tx, height, T0.plusSeconds(height));
    }

    private Verdict applyNextBlock(LedgerTransaction tx) {
        height++;
        return apply(tx);
    }

    @Test
    void aRegisteredSitesSubmissionsAreAcceptedInSequence() {
        assertThat(apply(f.submission(f.siteA, 1)).isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 2)).isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteB, 1)).isAccepted()).isTrue();
        assertThat(state.lastSequence(f.siteA)).isEqualTo(2);
    }

    @Test
    void unknownSitesAreRefused() {
        SiteId stranger = SiteId.parse("192.0.2.1");
        SuitePrivateKey key = f.suite.generate(KeyPurpose.SIGNING);
        LedgerTransaction tx = LedgerTransaction.sign(f.submissionBody(stranger, 1, key), key);
        assertThat(apply(tx).reason()).isEqualTo(RejectReason.UNKNOWN_SITE);
    }

    @Test
    void suspendedAndRevokedSitesAreRefusedAndHistoryAnswersForAnyHeight() {
        assertThat(apply(f.submission(f.siteA, 1)).isAccepted()).isTrue();
        assertThat(applyNextBlock(f.admin(new ChangeSiteStatus(StatusChange.SUSPEND, f.siteA, "audit"))).isAccepted()).isTrue();
        long suspendedAt = height;
        assertThat(apply(f.submission(f.siteA, 2)).reason()).isEqualTo(RejectReason.SITE_SUSPENDED);
        assertThat(applyNextBlock(f.admin(new ChangeSiteStatus(StatusChange.REINSTATE, f.siteA, "cleared"))).isAccepted())
                .isTrue();
        assertThat(apply(f.submission(f.siteA, 2)).isAccepted()).isTrue();
        assertThat(applyNextBlock(f.admin(new ChangeSiteStatus(StatusChange.REVOKE, f.siteA, "decommissioned")))
                .isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 3)).reason()).isEqualTo(RejectReason.SITE_REVOKED);
        assertThat(applyNextBlock(f.admin(new ChangeSiteStatus(StatusChange.REINSTATE, f.siteA, "no"))).reason())
                .isEqualTo(RejectReason.INVALID_ACTION);

        SiteRegistry r = state.registry();
        assertThat(r.at(f.siteA, 0).orElseThrow().status()).isEqualTo(SiteStatus.ACTIVE);
        assertThat(r.at(f.siteA, suspendedAt).orElseThrow().status()).isEqualTo(SiteStatus.SUSPENDED);
        assertThat(r.at(f.siteA, suspendedAt + 1).orElseThrow().status()).isEqualTo(SiteStatus.ACTIVE);
        assertThat(r.current(f.siteA).orElseThrow().status()).isEqualTo(SiteStatus.REVOKED);
        assertThat(r.history(f.siteA)).extracting(SiteEntry::status).containsExactly(SiteStatus.ACTIVE,
                SiteStatus.SUSPENDED, SiteStatus.ACTIVE, SiteStatus.REVOKED);
        assertThat(r.at(SiteId.parse("192.0.2.1"), height)).isEmpty();
    }

    @Test
    void aWrongEnvelopeSignatureIsMisbehaviour() {
        SuitePrivateKey impostor = f.suite.generate(KeyPurpose.SIGNING);
        var body = f.submissionBody(f.siteA, 1, f.siteAKey);
        LedgerTransaction forged = LedgerTransaction.assemble(body, f.siteAKey.keyId(),
                f.suite.sign(impostor, body.encode()));
        Verdict v = apply(forged);
        assertThat(v.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(v.misbehaviour()).isEqualTo(MisbehaviourReport.Kind.INVALID_SIGNATURE);
    }

    @Test
    void aPacketSealedWithAnotherKeyIsRefused() {
        SuitePrivateKey other = f.suite.generate(KeyPurpose.SIGNING);
        LedgerTransaction tx = LedgerTransaction.sign(f.submissionBody(f.siteA, 1, other), f.siteAKey);
        assertThat(apply(tx).reason()).isEqualTo(RejectReason.PACKET_SIGNER_MISMATCH);
    }

    @Test
    void sequenceNumbersMustIncreaseSoReplaysAreRefused() {
        assertThat(apply(f.submission(f.siteA, 5)).isAccepted()).isTrue();
        Verdict replay = apply(f.submission(f.siteA, 5));
        assertThat(replay.reason()).isEqualTo(RejectReason.REPLAY);
        assertThat(replay.misbehaviour()).isEqualTo(MisbehaviourReport.Kind.REPLAY);
        assertThat(apply(f.submission(f.siteA, 4)).reason()).isEqualTo(RejectReason.REPLAY);
        assertThat(apply(f.submission(f.siteA, 9)).isAccepted()).isTrue();
    }

    @Test
    void underTheContiguousRuleOnlyTheNextNumberIsAcceptedAndAGapIsNotMisbehaviour() {
        assertThat(applyNextBlock(f.admin(new AdminAction.DeployContracts(2, 64 * 1024, 5, 60, 3, List.of(1, 2),
                SequenceRule.CONTIGUOUS))).isAccepted()).isTrue();
        Verdict early = apply(f.submission(f.siteA, 2));
        assertThat(early.reason()).isEqualTo(RejectReason.SEQUENCE_GAP);
        assertThat(early.misbehaviour()).isNull();
        assertThat(early.message()).contains("next 1");
        assertThat(apply(f.submission(f.siteA, 1)).isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 3)).reason()).isEqualTo(RejectReason.SEQUENCE_GAP);
        assertThat(apply(f.submission(f.siteA, 2)).isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 2)).reason()).isEqualTo(RejectReason.REPLAY);
        assertThat(apply(f.submission(f.siteA, 3)).isAccepted()).isTrue();
        assertThat(state.lastSequence(f.siteA)).isEqualTo(3);
    }

    @Test
    void gapsDoNotCountAgainstTheRateLimit() {
        assertThat(applyNextBlock(f.admin(new AdminAction.DeployContracts(2, 64 * 1024, 5, 60, 3, List.of(1, 2),
                SequenceRule.CONTIGUOUS))).isAccepted()).isTrue();
        for (int i = 0; i < 20; i++) {
            assertThat(apply(f.submission(f.siteA, 7)).reason()).isEqualTo(RejectReason.SEQUENCE_GAP);
        }
        for (int i = 1; i <= 5; i++) {
            assertThat(apply(f.submission(f.siteA, i)).isAccepted()).isTrue();
        }
        // over the limit the next number is throttled, a number beyond it is still a gap
        assertThat(apply(f.submission(f.siteA, 6)).reason()).isEqualTo(RejectReason.RATE_LIMITED);
        assertThat(apply(f.submission(f.siteA, 7)).reason()).isEqualTo(RejectReason.SEQUENCE_GAP);
    }

    @Test
    void upgradingFromTheIncreasingRuleContinuesAfterTheLastNumber() {
        assertThat(apply(f.submission(f.siteA, 4)).isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 9)).isAccepted()).isTrue();
        assertThat(applyNextBlock(f.admin(new AdminAction.DeployContracts(2, 64 * 1024, 50, 60, 3, List.of(1, 2),
                SequenceRule.CONTIGUOUS))).isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 11)).reason()).isEqualTo(RejectReason.SEQUENCE_GAP);
        assertThat(apply(f.submission(f.siteA, 10)).isAccepted()).isTrue();
        // and back: the increasing rule accepts any higher number again
        assertThat(applyNextBlock(f.admin(new AdminAction.DeployContracts(3, 64 * 1024, 50, 60, 3, List.of(1, 2),
                SequenceRule.INCREASING))).isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 20)).isAccepted()).isTrue();
    }

    @Test
    void aSiteOverItsRateLimitIsRefusedUntilTheWindowPasses() {
        for (int i = 1; i <= 5; i++) {
            assertThat(apply(f.submission(f.siteA, i)).isAccepted()).isTrue();
        }
        Verdict flood = apply(f.submission(f.siteA, 6));
        assertThat(flood.reason()).isEqualTo(RejectReason.RATE_LIMITED);
        // back-pressure: a site draining a backlog reaches the limit honestly
        assertThat(flood.misbehaviour()).isNull();
        assertThat(state.checkAndApply(f.submission(f.siteA, 6), height + 1, T0.plusSeconds(height + 61)).isAccepted())
                .isTrue();
    }

    @Test
    void oversizedUnknownSuiteAndUnknownPlatformKeyAreRefused() {
        assertThat(applyNextBlock(f.admin(new AdminAction.DeployContracts(2, 200, 5, 60, 3, List.of(1)))).isAccepted())
                .isTrue();
        assertThat(apply(f.submission(f.siteA, 1)).reason()).isEqualTo(RejectReason.OVERSIZED);
        assertThat(applyNextBlock(f.admin(new AdminAction.DeployContracts(3, 64 * 1024, 5, 60, 3, List.of(2))))
                .isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 1)).reason()).isEqualTo(RejectReason.UNSUPPORTED_SUITE);
        assertThat(applyNextBlock(f.admin(new AdminAction.DeployContracts(4, 64 * 1024, 5, 60, 3, List.of(1, 2))))
                .isAccepted()).isTrue();
        SuitePrivateKey otherPlatform = f.suite.generate(KeyPurpose.ENCRYPTION);
        LedgerTransaction toStranger = LedgerTransaction.sign(f.submissionBody(f.siteA, 1, f.siteAKey,
                otherPlatform.publicKey()), f.siteAKey);
        assertThat(apply(toStranger).reason()).isEqualTo(RejectReason.UNKNOWN_PLATFORM_KEY);
        assertThat(apply(f.submission(f.siteA, 1)).isAccepted()).isTrue();
    }

    @Test
    void adminTransactionsNeedTheAdminKeyAndFreshNonces() {
        SuitePrivateKey notAdmin = f.suite.generate(KeyPurpose.SIGNING);
        LedgerTransaction forged = LedgerTransaction.sign(new AdminTransaction(99, T0,
                new ChangeSiteStatus(StatusChange.SUSPEND, f.siteA, "x")), notAdmin);
        assertThat(apply(forged).reason()).isEqualTo(RejectReason.UNAUTHORIZED);
        LedgerTransaction stale = LedgerTransaction.sign(new AdminTransaction(1, T0,
                new ChangeSiteStatus(StatusChange.SUSPEND, f.siteA, "x")), f.admin);
        assertThat(apply(stale).reason()).isEqualTo(RejectReason.STALE_NONCE);
        assertThat(apply(f.admin(new AdminAction.RegisterSite(f.siteA, "again", f.siteAKey.publicKey()
                .subjectPublicKeyInfo()))).reason()).isEqualTo(RejectReason.INVALID_ACTION);
        assertThat(apply(f.admin(new AdminAction.EstablishChain(f.admin.publicKey().subjectPublicKeyInfo(),
                List.of(new AdminAction.NodeInfo("x", f.node.publicKey().subjectPublicKeyInfo()))))).reason())
                .isEqualTo(RejectReason.INVALID_ACTION);
    }

    @Test
    void rotatingASiteKeyRetiresTheOldOne() {
        SuitePrivateKey newKey = f.suite.generate(KeyPurpose.SIGNING);
        assertThat(applyNextBlock(f.admin(new AdminAction.RotateSiteKey(f.siteA, newKey.publicKey().subjectPublicKeyInfo())))
                .isAccepted()).isTrue();
        assertThat(apply(f.submission(f.siteA, 1)).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        LedgerTransaction withNew = LedgerTransaction.sign(f.submissionBody(f.siteA, 1, newKey), newKey);
        assertThat(apply(withNew).isAccepted()).isTrue();
        assertThat(state.registry().at(f.siteA, 0).orElseThrow().signingKey().keyId()).isEqualTo(f.siteAKey.keyId());
    }

    @Test
    void misbehaviourReportsSuspendASiteAtTheThresholdOnePerKindPerBlock() {
        for (int i = 1; i <= 3; i++) {
            height++;
            LedgerTransaction report = LedgerTransaction.sign(new MisbehaviourReport(f.siteA,
                    MisbehaviourReport.Kind.REPLAY, T0, new byte[] {1}), f.node);
            assertThat(apply(report).isAccepted()).isTrue();
            LedgerTransaction second = LedgerTransaction.sign(new MisbehaviourReport(f.siteA,
                    MisbehaviourReport.Kind.REPLAY, T0.plusMillis(1), new byte[] {2}), f.node);
            assertThat(apply(second).reason()).isEqualTo(RejectReason.INVALID_ACTION);
        }
        assertThat(state.registry().current(f.siteA).orElseThrow().status()).isEqualTo(SiteStatus.SUSPENDED);
        assertThat(state.registry().current(f.siteA).orElseThrow().reason()).contains("3 misbehaviour reports");
        LedgerTransaction byStranger = LedgerTransaction.sign(new MisbehaviourReport(f.siteB,
                MisbehaviourReport.Kind.FLOOD, T0, new byte[0]), f.suite.generate(KeyPurpose.SIGNING));
        assertThat(apply(byStranger).reason()).isEqualTo(RejectReason.UNAUTHORIZED);
    }

    @Test
    void collectionPoliciesAreCheckedAgainstTheCatalogueAndKeptByHeight() {
        var policy = new AdminAction.PublishCollectionPolicy(f.siteA,
                List.of(org.bkdms.core.kpi.KpiCode.parse("EN: EN: AQ: 1C")), 3600);
        assertThat(applyNextBlock(f.admin(policy)).isAccepted()).isTrue();
        assertThat(state.policyAt(f.siteA, height)).contains(policy);
        assertThat(state.policyAt(f.siteA, height - 1)).isEmpty();
        var unknown = new AdminAction.PublishCollectionPolicy(f.siteA,
                List.of(org.bkdms.core.kpi.KpiCode.parse("EN: EN: AQ: 9C")), 3600);
        assertThat(applyNextBlock(f.admin(unknown)).reason()).isEqualTo(RejectReason.INVALID_ACTION);
    }
}
