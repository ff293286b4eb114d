-- Raises the configuration version of the tenant of every row inserted, updated or
-- deleted in the configuration tables that ConfigCache keeps reads of (both tenants when a
-- row moves between them), and of a tenant whose own row changes (its region reads the
-- lines of its campaigns).
CREATE FUNCTION config_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO config_versions AS v (tenant_id, version) VALUES (OLD.tenant_id, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.tenant_id IS DISTINCT FROM OLD.tenant_id) THEN
        INSERT INTO config_versions AS v (tenant_id, version) VALUES (NEW.tenant_id, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER agent_extensions_config_version AFTER INSERT OR UPDATE OR DELETE ON agent_extensions
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();
CREATE TRIGGER crm_connections_config_version AFTER INSERT OR UPDATE OR DELETE ON crm_connections
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();
CREATE TRIGGER webhook_endpoints_config_version AFTER INSERT OR UPDATE OR DELETE ON webhook_endpoints
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();
CREATE TRIGGER campaigns_config_version AFTER INSERT OR UPDATE OR DELETE ON campaigns
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();
CREATE TRIGGER users_config_version AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();

CREATE FUNCTION config_version_raise_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO config_versions AS v (tenant_id, version) VALUES (OLD.id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER tenants_config_version AFTER UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION config_version_raise_tenant();
