package org.bkdms.core.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.HpkeCiphertext;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.error.BkdmsException;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.error.VerificationException;
import org.bkdms.core.error.VerificationException.Failure;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketSealerOpenerTest {
    private final CryptoSuites suites = CryptoSuites.standard();

    private record Parties(CryptoSuite suite, SuitePrivateKey platform, SuitePrivateKey site, PacketSealer sealer,
            PacketOpener opener) {
    }

    private Parties parties(int suiteId) {
        CryptoSuite suite = suites.byId(suiteId);
        SuitePrivateKey platform = suite.generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey site = suite.generate(KeyPurpose.SIGNING);
        return new Parties(suite, platform, site, new PacketSealer(platform.publicKey(), site),
                new PacketOpener(suites, List.of(platform)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aSealedRecordOpensToTheSameRecordWithTheSaltTheSealerAdded(int suiteId) {
        Parties p = parties(suiteId);
        for (UnifiedKpiRecord record : List.of(PacketFixtures.internetAccess("97.00", 1), PacketFixtures.airQuality())) {
            SealedPacket sealed = p.sealer().seal(record);
            assertThat(sealed.record().extending().salt()).isPresent();
            assertThat(sealed.record().withExtending(sealed.record().extending().without(2))).isEqualTo(record);

            OpenedPacket opened = p.opener().open(KpiPacketCodec.decode(sealed.encoded()), p.site().publicKey());
            assertThat(opened.record()).isEqualTo(sealed.record());
            assertThat(opened.record().kpiData().values().get("value") == null
                    || opened.record().kpiData().values().get("value").toString().equals("97.00")).isTrue();
            assertThat(opened.recordDer()).isEqualTo(UnifiedKpiRecordCodec.encode(sealed.record()));
            assertThat(KpiPacketCodec.encode(opened.packet())).isEqualTo(sealed.encoded());
        }
    }

    @Test
    void theSignedDigestOfTheSameValuesDiffersEveryTimeSoItCannotConfirmAGuess() {
        Parties p = parties(1);
        UnifiedKpiRecord record = PacketFixtures.internetAccess("97.00", 1);
        Set<String> digests = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            digests.add(java.util.HexFormat.of().formatHex(p.sealer().seal(record).packet().encryptedDigest().digest()));
        }
        assertThat(digests).hasSize(20);
        // and the digest of the unsalted record, which a guesser could compute, is none of them
        String guessed = java.util.HexFormat.of().formatHex(p.suite().digest(UnifiedKpiRecordCodec.encode(record)));
        assertThat(digests).doesNotContain(guessed);
    }

    @Test
    void aPacketForAnotherPlatformKeyNamesTheKeyItNeeds() {
        Parties p = parties(1);
        SealedPacket sealed = p.sealer().seal(PacketFixtures.airQuality());
        PacketOpener otherPlatform = new PacketOpener(suites, List.of(p.suite().generate(KeyPurpose.ENCRYPTION)));
        assertThatThrownBy(() -> otherPlatform.open(sealed.packet(), p.site().publicKey()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_RECIPIENT_KEY))
                .hasMessageContaining(p.platform().keyId().toString());
    }

    @Test
    void rotatedPlatformKeysStillOpenOldPackets() {
        CryptoSuite suite = suites.defaultSuite();
        SuitePrivateKey oldKey = suite.generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey newKey = suite.generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey site = suite.generate(KeyPurpose.SIGNING);
        SealedPacket before = new PacketSealer(oldKey.publicKey(), site).seal(PacketFixtures.internetAccess("90", 1));
        SealedPacket after = new PacketSealer(newKey.publicKey(), site).seal(PacketFixtures.internetAccess("91", 2));
        PacketOpener opener = new PacketOpener(suites, List.of(newKey, oldKey));
        assertThat(opener.open(before.packet(), site.publicKey()).record()).isEqualTo(before.record());
        assertThat(opener.open(after.packet(), site.publicKey()).record()).isEqualTo(after.record());
    }

    @Test
    void aPacketFromAnotherSiteIsRefusedBeforeDecryption() {
        Parties p = parties(1);
        SealedPacket sealed = p.sealer().seal(PacketFixtures.airQuality());
        SuitePrivateKey impostor = p.suite().generate(KeyPurpose.SIGNING);
        assertThatThrownBy(() -> p.opener().open(sealed.packet(), impostor.publicKey()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_SIGNER_KEY));

        // an impostor who re-signs the packet under the site's key id still fails the signature check
        KpiPacket forged = resign(p.suite(), sealed.packet(), impostor, sealed.packet().encryptedDigest().digest(),
                p.site());
        assertThatThrownBy(() -> p.opener().open(forged, p.site().publicKey()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.SIGNATURE_INVALID));
    }

    @Test
    void aSignedDigestThatDoesNotMatchTheRecordIsRefused() {
        Parties p = parties(1);
        SealedPacket sealed = p.sealer().seal(PacketFixtures.airQuality());
        byte[] wrongDigest = p.suite().digest("another record".getBytes(StandardCharsets.UTF_8));
        KpiPacket lying = resign(p.suite(), sealed.packet(), p.site(), wrongDigest, p.site());
        assertThatThrownBy(() -> p.opener().open(lying, p.site().publicKey()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.DIGEST_MISMATCH));
    }

    @Test
    void aRecordWithoutSaltIsRefusedEvenWhenCorrectlySigned() {
        Parties p = parties(1);
        UnifiedKpiRecord unsalted = PacketFixtures.internetAccess("97.00", 3);
        byte[] der = UnifiedKpiRecordCodec.encode(unsalted);
        // seal by hand, as a non-conforming site would, skipping the salt
        byte[] aad = KpiPacketCodec.aad(1, p.platform().keyId(), p.site().keyId());
        HpkeCiphertext ct = p.suite().seal(p.platform().publicKey(),
                KpiPacketCodec.HPKE_INFO.getBytes(StandardCharsets.UTF_8), aad, der);
        EncryptedKpiData data = new EncryptedKpiData(p.platform().keyId(), ct.enc(), ct.ciphertext());
        KpiPacket packet = new KpiPacket(1, data, new EncryptedDigest(p.site().keyId(), new byte[32], new byte[64]));
        KpiPacket signed = resign(p.suite(), packet, p.site(), p.suite().digest(der), p.site());
        assertThatThrownBy(() -> p.opener().open(signed, p.site().publicKey()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNSALTED_RECORD));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void flippingAnyBitOfAPacketNeverYieldsARecord(int suiteId) {
        Parties p = parties(suiteId);
        byte[] encoded = p.sealer().seal(PacketFixtures.internetAccess("97.00", 1)).encoded();
        Set<Class<?>> seen = new java.util.HashSet<>();
        EnumSet<Failure> failures = EnumSet.noneOf(Failure.class);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < encoded.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] tampered = encoded.clone();
                tampered[i] ^= (byte) (1 << bit);
                Throwable t = catchThrowable(() -> p.opener().open(KpiPacketCodec.decode(tampered), p.site().publicKey()));
                if (t == null) {
                    accepted.add("byte " + i + " bit " + bit);
                    continue;
                }
                assertThat(t).as("byte %d bit %d", i, bit).isInstanceOf(BkdmsException.class);
                seen.add(t.getClass());
                if (t instanceof VerificationException v) {
                    failures.add(v.failure());
                }
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(seen).contains(DecodeException.class, VerificationException.class);
        assertThat(failures).contains(Failure.SIGNATURE_INVALID, Failure.UNKNOWN_SIGNER_KEY);
    }

    @Test
    void sealerRefusesKeysOfDifferentSuitesOrPurposes() {
        SuitePrivateKey x = suites.byId(1).generate(KeyPurpose.SIGNING);
        SuitePrivateKey p256 = suites.byId(2).generate(KeyPurpose.ENCRYPTION);
        assertThatThrownBy(() -> new PacketSealer(p256.publicKey(), x)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketSealer(x.publicKey(), x)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketOpener(suites, List.of(x))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Replaces a packet's digest and signature, signing with {@code signer} under {@code claimed}'s key id. */
    private static KpiPacket resign(CryptoSuite suite, KpiPacket packet, SuitePrivateKey signer, byte[] digest,
            SuitePrivateKey claimed) {
        byte[] tbs = KpiPacketCodec.toBeSigned(packet.suiteId(),
                suite.digest(KpiPacketCodec.encodeEncryptedKpiData(packet.encryptedKpiData())), digest);
        return new KpiPacket(packet.suiteId(), packet.encryptedKpiData(),
                new EncryptedDigest(claimed.keyId(), digest, suite.sign(signer, tbs)));
    }
}
