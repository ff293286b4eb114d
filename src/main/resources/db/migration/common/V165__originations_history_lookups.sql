-- The call history sync asks, once per page of calls, which pending click-to-call requests the page may
-- belong to: by the provider call ids the requests returned, and by the period they were made in. Both
-- lookups start with the account, so they stay index lookups without statistics too.
CREATE INDEX originations_provider_call ON originations (account_id, provider_call_id);
CREATE INDEX originations_requested ON originations (account_id, requested_at);
