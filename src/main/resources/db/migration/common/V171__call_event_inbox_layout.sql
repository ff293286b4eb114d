-- How many lanes the ingestion inbox's events are spread over, one count for every node
-- (calls.application.InboxLayout): a call's events go to lane hash(call) mod lanes, so all nodes must
-- compute it with the same count. NULL until the first node starts. The inbox's writer reads it, with a
-- share lock on this row, in the transaction that stores events; a node starting with another count
-- (callbridge.ingestion.lanes) locks the row, sets the count and moves the waiting events to their lanes
-- under it, and the running nodes start the lanes it adds within a poll interval.
CREATE TABLE call_event_inbox_layout (
    id INT PRIMARY KEY CHECK (id = 1),
    lanes INT CHECK (lanes BETWEEN 1 AND 64),
    changed_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO call_event_inbox_layout (id, lanes) VALUES (1, NULL);
