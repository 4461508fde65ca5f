package org.bkdms.core.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.bkdms.core.der.DerReader;
import org.bkdms.core.der.DerTag;
import org.bkdms.core.der.DerWriter;
import org.bkdms.core.error.DecodeException;
import org.bkdms.core.kpi.KpiCode;
import org.bkdms.core.kpi.KpiData;
import org.bkdms.core.kpi.KpiValue;

/**
 * DER codec of the unified KPI record, as defined by the {@code UnifiedKpiRecord} type of the ASN.1
 * module {@code docs/asn1/BKDMS-KPI.asn}:
 *
 * <pre>
 * UnifiedKpiRecord ::= SEQUENCE {
 *     version        Version,
 *     countryRegion  CountryRegion,
 *     city           City,
 *     siteId         SiteId,
 *     time           GeneralizedTime,
 *     kpiData        KpiData,
 *     length         INTEGER (0..MAX),
 *     extending      Extending }
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class UnifiedKpiRecordCodec {
    /** The only record version defined. */
    public static final int VERSION = 1;
    /** Largest encoded record accepted by {@link #decode(byte[])}, in octets. */
    public static final int MAX_ENCODED_LENGTH = 96 * 1024;

    private UnifiedKpiRecordCodec() {
    }

    /**
     * @param record the record
     * @return its DER encoding
     */
    public static byte[] encode(UnifiedKpiRecord record) {
        byte[] extending = encodeExtending(record.extending());
        return new DerWriter().sequence(w -> {
            w.integer(VERSION);
            w.integer(record.countryRegion().numeric());
            w.sequence(c -> c.enumerated(record.city().scheme().id()).printableString(record.city().code()));
            w.octetString(record.siteId().address());
            w.generalizedTime(record.time());
            w.sequence(k -> encodeKpiData(k, record.kpiData()));
            w.integer(extending.length);
            w.raw(extending);
        }).toByteArray();
    }

    private static void encodeKpiData(DerWriter k, KpiData data) {
        k.utf8String(data.code().canonical());
        k.sequence(vs -> {
            for (Map.Entry<String, KpiValue> e : data.values().entrySet()) {
                vs.sequence(sv -> {
                    sv.utf8String(e.getKey());
                    if (e.getValue() instanceof KpiValue.Decimal d) {
                        sv.sequence(dec -> dec.integer(d.value().unscaledValue()).integer(d.value().scale()));
                    } else {
                        sv.bool(((KpiValue.Flag) e.getValue()).value());
                    }
                });
            }
        });
        k.utf8String(data.unit());
    }

    /**
     * @param extending extensions
     * @return the DER encoding of the {@code Extending} SEQUENCE OF
     */
    static byte[] encodeExtending(Extending extending) {
        return new DerWriter().sequence(w -> extending.raw().forEach((id, value) ->
                w.sequence(e -> e.integer(id).octetString(value)))).toByteArray();
    }

    /**
     * @param der a DER-encoded {@code UnifiedKpiRecord}
     * @return the record
     * @throws DecodeException if the bytes are not the canonical encoding of a record
     * @throws org.bkdms.core.error.ValidationException if a part breaks a rule of the data model
     */
    public static UnifiedKpiRecord decode(byte[] der) {
        DerReader r = DerReader.openVersioned(der, MAX_ENCODED_LENGTH, VERSION, "record");
        CountryRegion country = CountryRegion.of((int) r.readLong(0, 999, "countryRegion"));
        DerReader c = r.readSequence();
        CityCodingScheme scheme = CityCodingScheme.ofId(c.readEnumerated(0, 255, "city.scheme"));
        String cityCode = c.readPrintableString(1, City.MAX_CODE_LENGTH, "city.code");
        c.expectEnd();
        int at = r.position();
        byte[] site = r.readOctetString(4, 16, "siteId");
        if (site.length != 4 && site.length != 16) {
            throw new DecodeException(at, "siteId must have 4 or 16 octets, found " + site.length);
        }
        Instant time = r.readGeneralizedTime("time");
        KpiData kpi = decodeKpiData(r.readSequence());
        at = r.position();
        long length = r.readLong(0, MAX_ENCODED_LENGTH, "length");
        int extStart = r.position();
        Extending extending = decodeExtending(r.readSequence());
        int extLength = r.position() - extStart;
        if (length != extLength) {
            throw new DecodeException(at, "length says " + length + " but extending has " + extLength + " octets");
        }
        r.expectEnd();
        return new UnifiedKpiRecord(country, new City(scheme, cityCode), SiteId.of(site), time, kpi, extending);
    }

    private static KpiData decodeKpiData(DerReader k) {
        KpiCode code = new KpiCode(k.readUtf8String(1, 32, "kpiData.code"));
        DerReader vs = k.readSequence();
        TreeMap<String, KpiValue> values = new TreeMap<>();
        String previous = null;
        while (vs.hasRemaining()) {
            int at = vs.position();
            DerReader sv = vs.readSequence();
            String key = sv.readUtf8String(1, 32, "series");
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new DecodeException(at, "series must be in ascending order without repeats: '" + key
                        + "' after '" + previous + "'");
            }
            previous = key;
            KpiValue value;
            if (sv.peekTag() == DerTag.BOOLEAN) {
                value = KpiValue.of(sv.readBoolean());
            } else {
                DerReader dec = sv.readSequence();
                int unscaledAt = dec.position();
                var unscaled = dec.readBigInteger();
                if (unscaled.bitLength() > 128) {
                    throw new DecodeException(unscaledAt, "decimal unscaled value over 128 bits");
                }
                int scale = (int) dec.readLong(0, KpiValue.Decimal.MAX_SCALE, "scale");
                dec.expectEnd();
                value = KpiValue.of(new BigDecimal(unscaled, scale));
            }
            sv.expectEnd();
            if (values.size() == KpiData.MAX_SERIES) {
                throw new DecodeException(at, "more than " + KpiData.MAX_SERIES + " series");
            }
            values.put(key, value);
        }
        String unit = k.readUtf8String(1, KpiData.MAX_UNIT_LENGTH, "kpiData.unit");
        k.expectEnd();
        if (values.isEmpty()) {
            throw new DecodeException(vs.position(), "kpiData has no series values");
        }
        return new KpiData(code, values, unit);
    }

    private static Extending decodeExtending(DerReader seq) {
        TreeMap<Integer, byte[]> raw = new TreeMap<>();
        int previous = -1;
        while (seq.hasRemaining()) {
            int at = seq.position();
            if (raw.size() == Extending.MAX_EXTENSIONS) {
                throw new DecodeException(at, "more than " + Extending.MAX_EXTENSIONS + " extensions");
            }
            DerReader e = seq.readSequence();
            int id = (int) e.readLong(0, Extending.MAX_ID, "extnId");
            if (id <= previous) {
                throw new DecodeException(at, "extensions must be in ascending id order without repeats: " + id
                        + " after " + previous);
            }
            previous = id;
            raw.put(id, e.readOctetString(0, Extending.MAX_VALUE_LENGTH, "extnValue"));
            e.expectEnd();
        }
        return Extending.ofRaw(raw);
    }
}
