-- Each tenant's configuration version: raised by triggers (one migration per database)
-- inside every transaction that changes agent_extensions, users, crm_connections,
-- webhook_endpoints, campaigns or tenants, so that what is cached of them (ConfigCache) is used
-- only while it is still true. No row: version 0. No foreign key: a tenant's rows are
-- deleted with it, and their triggers still write its version.
CREATE TABLE config_versions (
    tenant_id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);
