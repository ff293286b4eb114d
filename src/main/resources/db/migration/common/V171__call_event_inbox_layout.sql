-- How many lanes the ingestion inbox's events are spread over, one count for every node
-- (calls.application.InboxLayout): a call's events go to lane hash(call) mod lanes, so all nodes must
-- compute it with the same count. NULL until the first node starts; a node starting with another count
-- (callbridge.ingestion.lanes) sets it and moves the waiting events to their lanes under it, and the
-- running nodes follow within a poll interval. The single row is locked by a node changing it.
CREATE TABLE call_event_inbox_layout (
    id INT PRIMARY KEY CHECK (id = 1),
    lanes INT,
    changed_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO call_event_inbox_layout (id, lanes) VALUES (1, NULL);
