-- What each CRM connection was sent about each call (module crm, package push).

-- One row per connection and call that anything was enqueued for. The row is locked while a
-- call fact is turned into outbox messages, so the facts of one call (handled on several threads
-- and nodes at once) enqueue one after the other, in the call's order and each once. It also keeps
-- the fingerprint of the last upload the CRM took (result, talk and wait times, manager, whether
-- the recording is there), so an unchanged upload is not sent again, and whether the CRM said it
-- already had the call.
CREATE TABLE crm_call_uploads (
    connection_id BIGINT NOT NULL REFERENCES crm_connections (id) ON DELETE CASCADE,
    call_id BIGINT NOT NULL,
    tenant_id BIGINT NOT NULL,
    fingerprint VARCHAR(64),
    uploaded_at TIMESTAMP WITH TIME ZONE,
    duplicate BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connection_id, call_id)
);

-- The pushes enqueued for a connection and call: INCOMING:<agent id>, OUTGOING, HANGUP, ENDED
-- (the upload at the call's end) and UPLOAD (any upload). A live event is never enqueued after
-- the hangup or an upload of its call.
CREATE TABLE crm_call_pushes (
    connection_id BIGINT NOT NULL,
    call_id BIGINT NOT NULL,
    push VARCHAR(40) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connection_id, call_id, push),
    FOREIGN KEY (connection_id, call_id) REFERENCES crm_call_uploads (connection_id, call_id) ON DELETE CASCADE
);
