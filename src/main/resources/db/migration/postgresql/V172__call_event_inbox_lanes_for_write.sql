-- The count of lanes for the ingestion inbox's writer (calls.application.InboxLayout.lanesForWrite), in one
-- round trip: a shared advisory lock held until the writer's commit (a node changing the count takes it
-- exclusively), then the count, read by a statement of its own so that it sees a change committed while the
-- lock was waited for (a single statement's snapshot is taken before its wait; a VOLATILE function's
-- statements each take their own). In memory only: a share lock on the layout's row (FOR SHARE) wrote WAL at
-- every commit and, with several nodes' writers, a new MultiXact for most of them.
-- 1128418393 = 0x43424C59 ("CBLY"); the lanes' own locks use 0x43424C4E ("CBLN").
CREATE FUNCTION call_event_inbox_lanes_for_write() RETURNS INT LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(1128418393, 0);
    RETURN (SELECT lanes FROM call_event_inbox_layout WHERE id = 1);
END
$$;
