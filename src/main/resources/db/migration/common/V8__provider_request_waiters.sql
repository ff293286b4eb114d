-- Requests waiting for a provider scope's turn (see provider_request_slots), so a free turn goes
-- to the request that has waited longest, whichever node it is on: without it a frequent
-- requester (the live-call poller) could keep winning the turn from a long backfill.
-- A waiter that gave up or whose node died stops counting at expires_at.
CREATE TABLE provider_request_waiters (
    scope VARCHAR(200) NOT NULL,
    waiter VARCHAR(64) NOT NULL,
    since TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, waiter)
);
