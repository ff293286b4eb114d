-- Statistics: one narrow row per ended call, kept by the call events (ended, result corrected,
-- disposition saved) and rebuilt by a job when missing or computed in another time zone. It holds what
-- the dashboard groups and filters by, already computed: the tenant-local day, hour and weekday of the
-- call's start (a call crossing midnight counts on the day it started), whether it was missed, the
-- disposition, the charge, and how soon a missed call was called back. One row per call, so a corrected
-- result replaces the old one instead of being counted twice.
CREATE TABLE call_facts (
    call_id BIGINT PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL,
    call_version BIGINT NOT NULL,
    zone VARCHAR(64) NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at TIMESTAMP WITH TIME ZONE NOT NULL,
    local_day DATE NOT NULL,
    local_hour SMALLINT NOT NULL,
    weekday SMALLINT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES telephony_accounts (id),
    provider VARCHAR(40) NOT NULL,
    -- A deleted agent or campaign leaves their calls counted, under no agent or campaign (as the calls do).
    agent_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    campaign_id BIGINT REFERENCES campaigns (id) ON DELETE SET NULL,
    direction VARCHAR(10) NOT NULL,
    result VARCHAR(12) NOT NULL,
    missed BOOLEAN NOT NULL,
    ring_seconds INT,
    talk_seconds INT,
    cost DECIMAL(14, 4),
    currency VARCHAR(3),
    outcome VARCHAR(60),
    charge_amount DECIMAL(14, 2),
    charge_currency VARCHAR(3),
    external_number VARCHAR(40),
    callback_seconds INT,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX call_facts_period ON call_facts (tenant_id, local_day);
CREATE INDEX call_facts_agent_period ON call_facts (tenant_id, agent_id, local_day);
CREATE INDEX call_facts_number ON call_facts (tenant_id, external_number, started_at);
-- The rebuild job's cursor per tenant: the zone its facts were computed in, the next call id to look at
-- and whether it went through all of them. A tenant without a row (calls that ended before statistics
-- existed) or whose zone differs from the tenant's now is gone through again, in batches by call id.
-- Its row is also the lock that orders the writes of a tenant's facts (so call-backs are linked whichever
-- call is written first).
CREATE TABLE call_fact_rebuilds (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    zone VARCHAR(64) NOT NULL,
    next_call_id BIGINT NOT NULL,
    done BOOLEAN NOT NULL
);
