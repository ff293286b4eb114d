-- Last errors of polls and history runs are stored as texts (message key and arguments as
-- JSON) and shown in the reader's language; older rows keep their English words.
ALTER TABLE provider_polls ALTER COLUMN last_error SET DATA TYPE VARCHAR(4000);
ALTER TABLE call_history_syncs ALTER COLUMN last_error SET DATA TYPE VARCHAR(4000);
