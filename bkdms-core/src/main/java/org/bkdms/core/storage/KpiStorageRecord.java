package org.bkdms.core.storage;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bkdms.core.error.ValidationException;
import org.bkdms.core.packet.KpiPacketCodec;
import org.bkdms.core.error.ValidationException.Violation;

/**
 * The data structure for KPI data storage of Y.4907 Table 10-3: one packet as the smart city
 * platform stores it, with everything needed to find it again on the chain and to prove that the
 * stored copy is the one on the chain.
 *
 * @param dataRecorder offset and length of the packet inside its block
 * @param blockRecorder offset and length of the block in the chain's block log
 * @param cityData the encrypted KPI data: the DER {@code KpiPacket} as committed on chain
 * @param chainId URL of the blockchain platform
 * @param tracingCode code that locates the record on chain and backtracks it to site and block
 * @param checkCode code that proves the stored row consistent with the chain
 */
public record KpiStorageRecord(Recorder dataRecorder, Recorder blockRecorder, byte[] cityData, String chainId,
        byte[] tracingCode, byte[] checkCode) {
    /** Longest chain id accepted. */
    public static final int MAX_CHAIN_ID_LENGTH = 512;
    /** Longest tracing or check code accepted, in octets. */
    public static final int MAX_CODE_LENGTH = 128;

    /**
     * Checks and normalizes the parts.
     *
     * @param dataRecorder see {@link #dataRecorder()}
     * @param blockRecorder see {@link #blockRecorder()}
     * @param cityData see {@link #cityData()}
     * @param chainId see {@link #chainId()}
     * @param tracingCode see {@link #tracingCode()}
     * @param checkCode see {@link #checkCode()}
     */
    public KpiStorageRecord {
        Objects.requireNonNull(dataRecorder, "dataRecorder");
        Objects.requireNonNull(blockRecorder, "blockRecorder");
        Objects.requireNonNull(chainId, "chainId");
        cityData = cityData.clone();
        tracingCode = tracingCode.clone();
        checkCode = checkCode.clone();
        if (chainId.isEmpty() || chainId.length() > MAX_CHAIN_ID_LENGTH || !chainId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new ValidationException(Violation.INVALID_FIELD, "chain id must be a URL of 1.." + MAX_CHAIN_ID_LENGTH
                    + " printable ASCII characters");
        }
        if (tracingCode.length == 0 || tracingCode.length > MAX_CODE_LENGTH || checkCode.length == 0
                || checkCode.length > MAX_CODE_LENGTH) {
            throw new ValidationException(Violation.INVALID_FIELD, "tracing and check codes must have 1.." + MAX_CODE_LENGTH
                    + " octets");
        }
        if (cityData.length == 0 || cityData.length > KpiPacketCodec.MAX_ENCODED_LENGTH) {
            throw new ValidationException(Violation.INVALID_FIELD, "city data must have 1.."
                    + KpiPacketCodec.MAX_ENCODED_LENGTH + " octets (one encoded packet)");
        }
        if (dataRecorder.length() != cityData.length) {
            throw new ValidationException(Violation.INVALID_FIELD, "data recorder length " + dataRecorder.length()
                    + " differs from the city data's " + cityData.length + " octets");
        }
    }

    /** @return a copy of the cityData octets */
    @Override
    public byte[] cityData() {
        return cityData.clone();
    }

    /** @return a copy of the tracingCode octets */
    @Override
    public byte[] tracingCode() {
        return tracingCode.clone();
    }

    /** @return a copy of the checkCode octets */
    @Override
    public byte[] checkCode() {
        return checkCode.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KpiStorageRecord r && dataRecorder.equals(r.dataRecorder) && blockRecorder.equals(r.blockRecorder)
                && Arrays.equals(cityData, r.cityData) && chainId.equals(r.chainId)
                && Arrays.equals(tracingCode, r.tracingCode) && Arrays.equals(checkCode, r.checkCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataRecorder, blockRecorder, Arrays.hashCode(cityData), chainId,
                Arrays.hashCode(tracingCode), Arrays.hashCode(checkCode));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "KpiStorageRecord{data=" + dataRecorder + ", block=" + blockRecorder + ", cityData=" + cityData.length
                + " octets, chain=" + chainId + ", tracing=" + hex.formatHex(tracingCode) + ", check="
                + hex.formatHex(checkCode) + "}";
    }
}
