package org.bkdms.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bkdms.core.crypto.CryptoSuite;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.packet.KpiPacket;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.packet.PacketSealer;
import org.bkdms.core.packet.SealedPacket;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;

/**
 * Prints the encoded size of the benchmark records and of their sealed packets for every crypto
 * suite. Run with {@code java -cp bkdms-benchmarks/target/benchmarks.jar org.bkdms.bench.PacketSizes}.
 */
public final class PacketSizes {
    /** Seals per suite and record over which the packet sizes are counted. */
    private static final int SEALS = 1000;

    private PacketSizes() {
    }

    /**
     * Prints one line per suite and record: the record's DER size, the sizes of the parts of one
     * packet, and how many of 1000 seals gave which packet size. Every seal uses a fresh HPKE
     * ephemeral key (and the unsalted single-value record a fresh salt), so the signed bytes change
     * and a DER-encoded ECDSA signature varies by a few octets; Ed25519 signatures do not.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        CryptoSuites suites = CryptoSuites.standard();
        List<UnifiedKpiRecord> records = List.of(SampleRecords.singleValue(false), SampleRecords.airQuality());
        List<String> names = List.of("single-value (EC: ICT: ICT: 1C)", "air quality (EN: EN: AQ: 1C, 5 series)");
        System.out.printf("%-5s %-34s %-40s %6s %4s %6s %4s   %s%n", "suite", "name", "record", "recDER", "enc",
                "ct", "sig", "packet octets {size=seals of " + SEALS + "}");
        for (CryptoSuite suite : suites.all()) {
            SuitePrivateKey platform = suite.generate(KeyPurpose.ENCRYPTION);
            SuitePrivateKey site = suite.generate(KeyPurpose.SIGNING);
            PacketSealer sealer = new PacketSealer(platform.publicKey(), site);
            for (int i = 0; i < records.size(); i++) {
                SealedPacket first = sealer.seal(records.get(i));
                KpiPacket p = first.packet();
                Map<Integer, Integer> sizes = new TreeMap<>();
                sizes.merge(KpiPacketCodec.encode(p).length, 1, Integer::sum);
                for (int n = 1; n < SEALS; n++) {
                    sizes.merge(KpiPacketCodec.encode(sealer.seal(records.get(i)).packet()).length, 1, Integer::sum);
                }
                System.out.printf("%-5d %-34s %-40s %6d %4d %6d %4d   %s%n", suite.id(), suite.name(),
                        names.get(i), UnifiedKpiRecordCodec.encode(first.record()).length,
                        p.encryptedKpiData().enc().length, p.encryptedKpiData().ciphertext().length,
                        p.encryptedDigest().signature().length, sizes);
            }
        }
    }
}
