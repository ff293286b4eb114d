-- Request turns are leases on the database's clock (coordination_leases, name turn:<scope>); the
-- slot row only counts the urgent turns given in a row, and the node-clock time it held goes.
ALTER TABLE provider_request_slots DROP COLUMN next_free_at;
