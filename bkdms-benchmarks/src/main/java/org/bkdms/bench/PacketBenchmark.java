package org.bkdms.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.packet.KpiPacket;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.packet.OpenedPacket;
import org.bkdms.core.packet.PacketOpener;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.packet.SealedPacket;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the packet operations of every role, per crypto suite, on the typical single-value
 * record of {@link RecordCodecBenchmark} ("EC: ICT: ICT: 1C" = 97.00 %):
 *
 * <ul>
 *   <li>{@link #seal()}: what a sampling site does per record: salt, DER-encode, HPKE-encrypt to
 *       the platform, hash, sign, encode the packet;</li>
 *   <li>{@link #open()}: what the smart city platform does: verify the site's signature, HPKE-decrypt,
 *       compare the digest, decode the record;</li>
 *   <li>{@link #verifySignature()}: what a ledger node or an auditor does without the platform's
 *       key;</li>
 *   <li>{@link #encodePacket()} and {@link #decodePacket()}: the packet's DER codec alone.</li>
 * </ul>
 *
 * <p>Size of the sealed single-value packet ({@code KpiPacketCodec.encode(...).length}, as printed
 * by {@link PacketSizes}):
 *
 * <ul>
 *   <li>suite 1 (X25519 / AES-256-GCM / Ed25519): <b>336 octets</b>, always;</li>
 *   <li>suite 2 (P-256 / AES-128-GCM / ECDSA P-256): <b>376 octets</b> typically, 374 to 377
 *       because the DER-encoded ECDSA signature takes 69 to 72 octets (one run of 1000 seals: 375 &times;
 *       262, 376 &times; 488, 377 &times; 249, 374 &times; 1).</li>
 * </ul>
 *
 * The 132-octet record becomes a 148-octet ciphertext (132 plus the 16-octet GCM tag) in both suites;
 * the difference is the HPKE encapsulated key (32 octets for X25519, 65 for uncompressed P-256) and
 * the signature (64 octets for Ed25519, about 71 for ECDSA).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class PacketBenchmark {
    /** Crypto suite number: 1 = X25519/Ed25519 (default), 2 = P-256/ECDSA. */
    @Param({"1", "2"})
    public int suiteId;

    private CryptoSuites suites;
    private SuitePublicKey siteKey;
    private PacketSealer sealer;
    private PacketOpener opener;
    private UnifiedKpiRecord record;
    private KpiPacket packet;
    private byte[] packetDer;

    /** Creates the benchmark state; the data is built in {@link #setUp()}. */
    public PacketBenchmark() {
    }

    /**
     * Generates a platform encryption key and a site signing key of the suite, seals one packet for
     * the opening, verifying and codec benchmarks, and checks that it opens to the sealed record.
     */
    @Setup(Level.Trial)
    public void setUp() {
        suites = CryptoSuites.standard();
        CryptoSuite suite = suites.byId(suiteId);
        SuitePrivateKey platform = suite.generate(KeyPurpose.ENCRYPTION);
        SuitePrivateKey site = suite.generate(KeyPurpose.SIGNING);
        siteKey = site.publicKey();
        sealer = new PacketSealer(platform.publicKey(), site);
        opener = new PacketOpener(suites, List.of(platform));
        // without a salt, as a site hands it over: every seal() draws a fresh 16-octet salt
        record = SampleRecords.singleValue(false);
        SealedPacket sealed = sealer.seal(record);
        packetDer = sealed.encoded();
        packet = KpiPacketCodec.decode(packetDer);
        if (!opener.open(packet, siteKey).record().equals(sealed.record())) {
            throw new IllegalStateException("sealed packet does not open to the sealed record");
        }
    }

    /** @return a freshly sealed packet of the single-value record */
    @Benchmark
    public SealedPacket seal() {
        return sealer.seal(record);
    }

    /** @return the record opened from the pre-sealed packet (signature, decryption, digest, decoding) */
    @Benchmark
    public OpenedPacket open() {
        return opener.open(packet, siteKey);
    }

    /** Checks the site's signature over the pre-sealed packet without decrypting it. */
    @Benchmark
    public void verifySignature() {
        PacketOpener.verifySignature(suites, packet, siteKey);
    }

    /** @return the DER encoding of the pre-sealed packet */
    @Benchmark
    public byte[] encodePacket() {
        return KpiPacketCodec.encode(packet);
    }

    /** @return the pre-sealed packet decoded from its DER encoding */
    @Benchmark
    public KpiPacket decodePacket() {
        return KpiPacketCodec.decode(packetDer);
    }
}
