-- Version 2: what the analysis needs from the chain beyond the KPI rows. Same SQL for H2 and PostgreSQL.

-- Every collection policy version the chain's contracts accepted (AdminAction.PublishCollectionPolicy):
-- which KPIs a site reports and how often, in force from the block that published it.
CREATE TABLE collection_policy (
    chain_id       VARCHAR(512) NOT NULL,
    site_id        VARCHAR(64) NOT NULL,
    since_height   BIGINT NOT NULL,
    effective_from TIMESTAMP WITH TIME ZONE NOT NULL,
    period_seconds BIGINT NOT NULL,
    kpi_codes      VARCHAR(8192) NOT NULL,
    PRIMARY KEY (chain_id, site_id, since_height)
);

-- Misbehaviour the ledger recorded on chain against a site (submissions it refused: bad signature,
-- replay, flooding), counted beside the platform's own evidence.
CREATE TABLE misbehaviour_report (
    chain_id     VARCHAR(512) NOT NULL,
    block_height BIGINT NOT NULL,
    tx_index     INTEGER NOT NULL,
    site_id      VARCHAR(64) NOT NULL,
    kind         VARCHAR(32) NOT NULL,
    observed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (chain_id, block_height, tx_index)
);
CREATE INDEX ix_misbehaviour_site ON misbehaviour_report (site_id);
