-- The trace of each attempt (W3C trace id, 32 hex digits): the HTTP request that made it, its message and the answers
-- to it share it across every app, so that an operator finds the attempt's log lines and spans. NULL for attempts made
-- before traces were recorded.
ALTER TABLE request_attempts ADD COLUMN trace_id VARCHAR(32);
