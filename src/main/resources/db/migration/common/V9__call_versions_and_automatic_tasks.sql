-- Call facts: each call has a version that grows with each change of its computed summary, the
-- source of the end its times come from, and when its last event arrived (database time, for the
-- sweeper that closes calls nobody reported ended). Each event keeps where it came from.
ALTER TABLE calls ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE calls ADD COLUMN end_source VARCHAR(12);
ALTER TABLE calls ADD COLUMN last_event_at TIMESTAMP WITH TIME ZONE;
UPDATE calls SET version = 1, last_event_at = updated_at;
CREATE INDEX calls_open_by_account ON calls (account_id, state, last_event_at);

ALTER TABLE call_events ADD COLUMN source VARCHAR(12) DEFAULT 'PROVIDER' NOT NULL;
UPDATE call_events SET source = 'POLL' WHERE dedupe_key LIKE 'live:%';
UPDATE call_events SET source = 'HISTORY' WHERE dedupe_key LIKE 'history:%';
UPDATE calls SET end_source = 'PROVIDER' WHERE state = 'ENDED';

-- Automatic tasks: at most one per rule and record (unique key, not check-then-insert); titles and
-- automatic completion notes kept as message keys so each reader sees them in their language.
ALTER TABLE tasks ADD COLUMN auto_key VARCHAR(100);
ALTER TABLE tasks ADD COLUMN title_key VARCHAR(100);
ALTER TABLE tasks ADD COLUMN title_args VARCHAR(1000);
ALTER TABLE tasks ADD COLUMN completion_key VARCHAR(100);
CREATE UNIQUE INDEX tasks_auto_key ON tasks (tenant_id, auto_key);
