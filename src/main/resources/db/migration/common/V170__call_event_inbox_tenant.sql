-- Whose events wait in the inbox: a read of a tenant's calls waits (bounded) until the events of that tenant
-- stored before it are applied (calls.application.AppliedReads), so that a webhook answered as soon as its event
-- is stored is still seen by the next read. Rows stored before this column existed get their tenant here; a row
-- without one (written by a node of an older version during an upgrade) counts for every tenant.
ALTER TABLE call_event_inbox ADD COLUMN tenant_id BIGINT;
UPDATE call_event_inbox SET tenant_id = (SELECT a.tenant_id FROM telephony_accounts a WHERE a.id = call_event_inbox.account_id);
-- The reads look up a tenant's newest and oldest waiting events: one range of this index each, without statistics
-- and without reading the other tenants' rows.
CREATE INDEX call_event_inbox_tenant ON call_event_inbox (tenant_id, id);
