-- Five indexes of calls keep only the rows their lookups can ask for, so that a call outside them costs no
-- index entry when it is written, nor when it is written again by an update that is not HOT (most of a live
-- call's updates: its state is indexed):
-- * calls_open_by_account serves the sweeper (calls of an account still open whose last event is old:
--   "state <> 'ENDED'", the predicate here, word for word); an ended call, most of the table and every call of a
--   provider's history, has no entry any more, and the index stays the size of the calls in progress;
-- * calls_campaign, calls_contact and calls_agent serve "campaign_id = ?", "contact_id = ?" and "agent_id = ?"
--   (the call lists' filters, a contact's statistics, the ON DELETE SET NULL of contacts and users), which no NULL
--   matches: a call without a campaign (most), a contact (an unknown number) or an agent (a missed call) has no
--   entry in that index;
-- * and a fifth, new, partial as well: calls_originated_by, for the foreign key from the calls' originator to
--   users, whose ON DELETE SET NULL read the whole table when an agent was deleted (only calls placed by
--   click-to-call have an originator).
-- Measured on a history sync of 100,000 calls: docs/benchmarks.md, 2026-12-07. PostgreSQL only: H2 has no
-- partial indexes and keeps the full ones.
DROP INDEX calls_open_by_account;
CREATE INDEX calls_open_by_account ON calls (account_id, last_event_at, id) WHERE state <> 'ENDED';

DROP INDEX calls_campaign;
CREATE INDEX calls_campaign ON calls (tenant_id, campaign_id, started_at) WHERE campaign_id IS NOT NULL;

DROP INDEX calls_contact;
CREATE INDEX calls_contact ON calls (contact_id) WHERE contact_id IS NOT NULL;

DROP INDEX calls_agent;
CREATE INDEX calls_agent ON calls (agent_id) WHERE agent_id IS NOT NULL;

CREATE INDEX calls_originated_by ON calls (originated_by) WHERE originated_by IS NOT NULL;
