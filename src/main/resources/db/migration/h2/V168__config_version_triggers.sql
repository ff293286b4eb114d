-- Raises the configuration version of the tenant of every row inserted, updated or
-- deleted in the configuration tables that ConfigCache keeps reads of, and of a tenant
-- whose own row changes (see io.callbridge.shared.ConfigVersionTrigger).
CREATE TRIGGER agent_extensions_config_version AFTER INSERT, UPDATE, DELETE ON agent_extensions
    FOR EACH ROW CALL 'io.callbridge.shared.ConfigVersionTrigger';
CREATE TRIGGER crm_connections_config_version AFTER INSERT, UPDATE, DELETE ON crm_connections
    FOR EACH ROW CALL 'io.callbridge.shared.ConfigVersionTrigger';
CREATE TRIGGER webhook_endpoints_config_version AFTER INSERT, UPDATE, DELETE ON webhook_endpoints
    FOR EACH ROW CALL 'io.callbridge.shared.ConfigVersionTrigger';
CREATE TRIGGER campaigns_config_version AFTER INSERT, UPDATE, DELETE ON campaigns
    FOR EACH ROW CALL 'io.callbridge.shared.ConfigVersionTrigger';
CREATE TRIGGER users_config_version AFTER INSERT, UPDATE, DELETE ON users
    FOR EACH ROW CALL 'io.callbridge.shared.ConfigVersionTrigger';
CREATE TRIGGER tenants_config_version AFTER UPDATE, DELETE ON tenants
    FOR EACH ROW CALL 'io.callbridge.shared.ConfigVersionTrigger';
