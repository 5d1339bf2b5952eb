-- A request that waits for a delayed retry in the system it was sent to: how often it was tried, when it is tried
-- next and why the last attempt failed (from that system's retry_scheduled notices).
ALTER TABLE requests ADD COLUMN attempts INT;
ALTER TABLE requests ADD COLUMN next_attempt_at TIMESTAMP(3) WITH TIME ZONE;
ALTER TABLE requests ADD COLUMN last_failure TEXT;

-- The response that decided its request's outcome; later answers to the same request are kept as repeats.
ALTER TABLE responses ADD COLUMN deciding BOOLEAN DEFAULT FALSE NOT NULL;
