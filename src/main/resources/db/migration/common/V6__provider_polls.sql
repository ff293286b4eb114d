-- Polling of providers without webhooks: per account and kind of poll, when the next poll
-- may start (a lease shared by every node, so the provider's minimum interval holds), the
-- current interval (longer while the provider is slow or failing) and the last snapshot,
-- so whichever node polls next computes the differences.
CREATE TABLE provider_polls (
    account_id BIGINT NOT NULL REFERENCES telephony_accounts (id) ON DELETE CASCADE,
    kind VARCHAR(20) NOT NULL,
    next_poll_at TIMESTAMP WITH TIME ZONE NOT NULL,
    interval_ms BIGINT NOT NULL,
    last_started_at TIMESTAMP WITH TIME ZONE,
    last_duration_ms BIGINT,
    last_error VARCHAR(1000),
    snapshot VARCHAR,
    PRIMARY KEY (account_id, kind)
);
