-- Reconciliation of calls from each account's provider-side history (statistics, CDRs):
-- how far it got and when it runs next, so calls whose live events were lost still appear.
CREATE TABLE call_history_syncs (
    account_id BIGINT PRIMARY KEY REFERENCES telephony_accounts (id) ON DELETE CASCADE,
    synced_until TIMESTAMP WITH TIME ZONE,
    next_run_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_at TIMESTAMP WITH TIME ZONE,
    last_checked INT,
    last_added INT,
    last_completed INT,
    last_error VARCHAR(1000)
);
