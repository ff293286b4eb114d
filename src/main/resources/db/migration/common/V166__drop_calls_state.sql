-- calls_state (tenant_id, state) is the leading part of calls_tenant_state_id (tenant_id, state, id):
-- every lookup by tenant and state is answered by the longer index as well, and each call written
-- (a webhook's new call, a page of the call history) had to update both.
DROP INDEX calls_state;
