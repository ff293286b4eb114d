-- Follow-ups retried while the server runs (module followups). One row per incomplete event
-- publication (Spring Modulith's event_publication, rows deleted there on completion) that a
-- node has seen: how many retries were started, until when the current attempt may run before
-- it counts as stalled, when it last failed and with what error, and when the next automatic
-- retry is due. Every time here is the database's (CURRENT_TIMESTAMP), never a node's clock.
CREATE TABLE followup_retries (
    publication_id UUID NOT NULL PRIMARY KEY,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    attempt_started_at TIMESTAMP WITH TIME ZONE,
    running_until TIMESTAMP WITH TIME ZONE,
    failed_at TIMESTAMP WITH TIME ZONE,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error VARCHAR(1000),
    stalled BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX followup_retries_next_attempt_idx ON followup_retries (next_attempt_at);

-- ShedLock's lock table (net.javacrumbs.shedlock, JDBC provider on database time): shared
-- scheduled work such as the retry sweep runs on one node at a time.
CREATE TABLE shedlock (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at TIMESTAMP(3) NOT NULL,
    locked_by VARCHAR(255) NOT NULL
);
