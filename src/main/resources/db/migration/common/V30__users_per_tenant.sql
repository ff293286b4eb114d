-- Usernames are unique per tenant (V1 made them unique across the installation, which told one tenant's admin
-- which names other tenants use). The column is rebuilt because the V1 constraint has no portable name:
-- dropping the column drops it on H2 and PostgreSQL alike.
ALTER TABLE users ADD COLUMN login_name VARCHAR(100);
UPDATE users SET login_name = username;
ALTER TABLE users DROP COLUMN username;
ALTER TABLE users RENAME COLUMN login_name TO username;
ALTER TABLE users ALTER COLUMN username SET NOT NULL;
CREATE UNIQUE INDEX users_tenant_username ON users (tenant_id, username);

-- Changes whenever a user's access changes (deleted, disabled, role, username or password changed). A login
-- session remembers the value it started with and ends at its next request once it differs, on every node.
ALTER TABLE users ADD COLUMN session_version BIGINT DEFAULT 0 NOT NULL;
