-- The W3C traceparent of the change that wrote the event, so that its publication and consumption join that trace.
ALTER TABLE outbox_messages ADD COLUMN trace_parent text;
