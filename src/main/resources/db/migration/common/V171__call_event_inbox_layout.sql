-- How many lanes the ingestion inbox's events are spread over, one count for every node
-- (calls.application.InboxLayout): a call's events go to lane hash(call) mod lanes, so all nodes must
-- compute it with the same count. NULL until the first node starts. The inbox's writer reads it in the
-- transaction that stores events, under a shared lock that a node changing the count takes exclusively
-- (PostgreSQL: an advisory lock, see call_event_inbox_lanes_for_write; H2: this row's lock). generation
-- counts the moves of waiting events between lanes: a lane claims from the start of the inbox after one.
CREATE TABLE call_event_inbox_layout (
    id INT PRIMARY KEY CHECK (id = 1),
    lanes INT CHECK (lanes BETWEEN 1 AND 64),
    generation BIGINT DEFAULT 0 NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO call_event_inbox_layout (id, lanes) VALUES (1, NULL);
