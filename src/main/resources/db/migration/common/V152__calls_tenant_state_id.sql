-- The statistics rebuild goes through a tenant's ended calls in batches by call id
-- (WHERE tenant_id = ? AND state = 'ENDED' AND id > ? ORDER BY id LIMIT ?): this index answers each
-- batch from where the previous one stopped, instead of reading the tenant's calls from the start.
CREATE INDEX calls_tenant_state_id ON calls (tenant_id, state, id);
