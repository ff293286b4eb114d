-- Recordings of calls: where the provider keeps each one, whether a playable link has been
-- fetched, and the state of the retried fetch job.
CREATE TABLE call_recordings (
    call_id BIGINT PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES telephony_accounts (id) ON DELETE CASCADE,
    recording_ref VARCHAR(2000) NOT NULL,
    status VARCHAR(12) NOT NULL,
    link VARCHAR(4000),
    expires_at TIMESTAMP WITH TIME ZONE,
    attempts INT NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error VARCHAR(1000),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX call_recordings_due ON call_recordings (status, next_attempt_at);
