-- OMniLeads-compatible API tokens: one per user, as OMniLeads' get_or_create, so every client of a user shares it
-- and a new login returns the same key until it expires. The key is looked up by its SHA-256 hash and kept
-- encrypted (SecretCipher) only so that a later login can hand the same key out again.
CREATE TABLE omnileads_tokens (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    token_secret VARCHAR(500) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
