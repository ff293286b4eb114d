-- Calls an agent closed from the console as over although their end was never reported (a lost webhook,
-- a restarted PBX): they no longer count as that agent's call in progress, so they stop blocking
-- click-to-call. The call itself is left as the provider reported it.
CREATE TABLE agent_closed_calls (
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    agent_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL,
    closed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (call_id, agent_id)
);
