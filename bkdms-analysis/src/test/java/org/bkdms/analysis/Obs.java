package org.bkdms.analysis;

import java.math.BigDecimal;
import java.time.Instant;

/** Builds observations for tests with sensible defaults. */
public final class Obs {
    private String site = "10.0.0.1";
    private String country = "578";
    private String city = "UNLOCODE:NOTRD";
    private String kpi = "EC: ICT: ICT: 1C";
    private String series = "value";
    private BigDecimal value = new BigDecimal("50");
    private String unit = "%";
    private Instant time = Instant.parse("2025-01-01T00:00:00Z");
    private Instant collected;
    private long height = 1;
    private Instant blockTime;
    private Long seq;
    private String tracing;

    /** @return a builder */
    public static Obs of() {
        return new Obs();
    }

    public Obs site(String v) {
        site = v;
        return this;
    }

    public Obs country(String v) {
        country = v;
        return this;
    }

    public Obs city(String v) {
        city = v;
        return this;
    }

    public Obs kpi(String v) {
        kpi = v;
        return this;
    }

    public Obs series(String v) {
        series = v;
        return this;
    }

    public Obs value(String v) {
        value = new BigDecimal(v);
        return this;
    }

    public Obs value(double v) {
        value = BigDecimal.valueOf(v);
        return this;
    }

    public Obs unit(String v) {
        unit = v;
        return this;
    }

    public Obs time(String v) {
        time = Instant.parse(v);
        return this;
    }

    public Obs time(Instant v) {
        time = v;
        return this;
    }

    public Obs collected(Instant v) {
        collected = v;
        return this;
    }

    public Obs height(long v) {
        height = v;
        return this;
    }

    public Obs blockTime(Instant v) {
        blockTime = v;
        return this;
    }

    public Obs seq(long v) {
        seq = v;
        return this;
    }

    public Obs tracing(String v) {
        tracing = v;
        return this;
    }

    public Observation build() {
        return new Observation(site, country, city, kpi, series, value, unit, time, collected, height,
                blockTime == null ? time.plusSeconds(600) : blockTime, seq, tracing);
    }
}
