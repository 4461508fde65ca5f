-- The sampling site's durable state (Y.4907 clause 8.1, storage capability).

-- Every sealed packet, as the exact signed transaction bytes that are (re)sent until the chain
-- confirms them; the inclusion proof is kept once verified.
CREATE TABLE outbox (
    seq            BIGINT PRIMARY KEY,
    tx_id          BINARY(32) NOT NULL,
    tx             VARBINARY(262144) NOT NULL,
    record_der     VARBINARY(262144) NOT NULL,
    kpi_code       VARCHAR(64) NOT NULL,
    record_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    source_ref     VARCHAR(256),
    state          VARCHAR(16) NOT NULL,
    attempts       INT DEFAULT 0 NOT NULL,
    last_error     VARCHAR(1024),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    height         BIGINT,
    tx_index       INT,
    block_header   VARBINARY(4096),
    inclusion_proof VARBINARY(8192),
    confirmed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX outbox_state ON outbox(state, seq);

-- Source rows that were refused, with the reason, for review and release.
CREATE TABLE quarantine (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    source      VARCHAR(128) NOT NULL,
    reference   VARCHAR(512) NOT NULL,
    row_text    VARCHAR(8192) NOT NULL,
    reason_code VARCHAR(64) NOT NULL,
    reason      VARCHAR(1024) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    released_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX quarantine_open ON quarantine(released_at, reason_code);

-- Per-source progress: JDBC watermarks, content hashes of files already taken in.
CREATE TABLE checkpoint (
    source VARCHAR(128) NOT NULL,
    ckey   VARCHAR(256) NOT NULL,
    cvalue VARCHAR(1024) NOT NULL,
    PRIMARY KEY (source, ckey)
);

-- Open consolidation periods: running aggregates per KPI, data series and period.
CREATE TABLE intermediate (
    kpi_code     VARCHAR(64) NOT NULL,
    series       VARCHAR(32) NOT NULL,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end   TIMESTAMP WITH TIME ZONE NOT NULL,
    n            BIGINT NOT NULL,
    total        DECIMAL(38, 18) NOT NULL,
    last_value   DECIMAL(38, 18) NOT NULL,
    last_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    minimum      DECIMAL(38, 18) NOT NULL,
    maximum      DECIMAL(38, 18) NOT NULL,
    source_ref   VARCHAR(256),
    rule_name    VARCHAR(128) NOT NULL,
    PRIMARY KEY (kpi_code, series, period_start)
);

-- Site-wide settings that must survive restarts (the sequence floor learnt from the chain).
CREATE TABLE site_meta (
    k VARCHAR(64) PRIMARY KEY,
    v VARCHAR(1024) NOT NULL
);
