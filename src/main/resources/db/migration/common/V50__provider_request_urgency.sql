-- Urgent requests (a live-call poll, which agents wait for) take a provider scope's free turn before
-- normal ones, but at most a few in a row while a normal one waits: the slot counts the urgent turns
-- given in a row, each waiter says whether it is urgent.
ALTER TABLE provider_request_slots ADD COLUMN urgent_run INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE provider_request_waiters ADD COLUMN urgent BOOLEAN DEFAULT FALSE NOT NULL;
