-- The per-record turn check ("no earlier PENDING delivery of this record to this endpoint") and the outbox's
-- "is one pending?" check read only PENDING rows: with the state in the index they no longer walk a record's
-- whole delivered history, which grows without bound. The due index also holds the claim order (time, id).
DROP INDEX webhook_deliveries_order;
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, order_key, state, id);
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at, id);
-- Messages past their retention are deleted with their deliveries (ON DELETE CASCADE): found by message.
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id);
