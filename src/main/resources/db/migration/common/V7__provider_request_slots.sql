-- Spacing of a provider's rate-limited requests across nodes: per scope (e.g. one CallMyWay
-- username) the earliest time its next request may leave. A request reserves the next free
-- slot with a conditional update, so requests from every node queue behind one another.
CREATE TABLE provider_request_slots (
    scope VARCHAR(200) PRIMARY KEY,
    next_free_at TIMESTAMP WITH TIME ZONE NOT NULL
);
