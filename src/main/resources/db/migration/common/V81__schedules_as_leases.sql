-- Polls and history syncs are scheduled by named leases on the database's clock
-- (coordination_leases): an installed schedule carries over as the lease of its next run, so
-- the upgrade neither skips nor repeats a run. Recording fetches keep their due time in
-- call_recordings and are claimed by lease from now on.
INSERT INTO coordination_leases (name, token, acquired_at, held_until)
SELECT 'poll:' || kind || ':' || CAST(account_id AS VARCHAR(20)), 'migrated',
       COALESCE(last_started_at, next_poll_at), next_poll_at
FROM provider_polls;

INSERT INTO coordination_leases (name, token, acquired_at, held_until)
SELECT 'history-sync:' || CAST(account_id AS VARCHAR(20)), 'migrated', COALESCE(last_run_at, next_run_at), next_run_at
FROM call_history_syncs;

-- The follow-up retry sweep's ShedLock row moved to the lease followups:retry-sweep.
DROP TABLE shedlock;
