-- The W3C trace context of the transaction that wrote the row (tracing on), published as the
-- message's headers so the relay's work and the consumers' join the trace that made the fact.
ALTER TABLE "messaging_test"."outbox" ADD COLUMN "headers" jsonb;
