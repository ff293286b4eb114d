-- Request rates shared by every node, on the database's clock (see
-- io.callbridge.coordination.DatabaseRateLimits): one token bucket per limited scope, locked while
-- a request is counted (tokens NULL: full, never counted), with the hold-back a provider imposed
-- (its 429).
CREATE TABLE coordination_rate_limits (
    scope VARCHAR(200) PRIMARY KEY,
    tokens DOUBLE PRECISION,
    counted_at TIMESTAMP WITH TIME ZONE,
    held_back_until TIMESTAMP WITH TIME ZONE
);
