-- Agent status (issue 13): each agent's status with when and by whom it last changed, and the
-- availability each agent is to have at every provider that keeps one (UIS employees), with what was
-- pushed there so far. Portable SQL for H2 and PostgreSQL.

CREATE TABLE agent_statuses (
    agent_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    status VARCHAR(16) NOT NULL,
    -- Counts the changes: a push carries the version it pushes, so an older one never overwrites a newer.
    version BIGINT NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- Every existing agent starts available, as new ones do.
INSERT INTO agent_statuses (agent_id, tenant_id, status, version, changed_at, changed_by)
SELECT id, tenant_id, 'AVAILABLE', 0, CURRENT_TIMESTAMP, NULL FROM users;

-- The desired availability per (account, agent) and what was pushed; pending while next_attempt_at is set.
CREATE TABLE agent_availability_pushes (
    account_id BIGINT NOT NULL REFERENCES telephony_accounts (id) ON DELETE CASCADE,
    agent_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    desired_status VARCHAR(16) NOT NULL,
    desired_version BIGINT NOT NULL,
    -- Bumped by every new desired state (a status change, an extension assigned): a push settles the
    -- row only if no newer desired state was written while it was under way.
    revision BIGINT NOT NULL,
    pushed_status VARCHAR(16),
    pushed_version BIGINT,
    pushed_extension VARCHAR(64),
    pushed_at TIMESTAMP WITH TIME ZONE,
    attempts INT DEFAULT 0 NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error VARCHAR(1000),
    last_error_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (account_id, agent_id)
);
CREATE INDEX agent_availability_pushes_due ON agent_availability_pushes (next_attempt_at);
CREATE INDEX agent_availability_pushes_agent ON agent_availability_pushes (agent_id);
