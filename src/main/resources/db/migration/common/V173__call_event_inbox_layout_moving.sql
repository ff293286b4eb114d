-- A change of the count of lanes (calls.application.InboxLayout) commits the new count first, so that the
-- writers of every node go on storing events under it at once, and moves the events waiting under the old
-- count after that, holding every lane. moving is TRUE from the one to the other: no lane claims meanwhile,
-- and a node that finds it TRUE with the lanes free (the node moving them stopped) finishes the move.
ALTER TABLE call_event_inbox_layout ADD COLUMN moving BOOLEAN DEFAULT FALSE NOT NULL;
