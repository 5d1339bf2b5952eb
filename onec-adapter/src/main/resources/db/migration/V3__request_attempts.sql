-- A request may be sent more than once: again after it FAILED (same request id and body), or again after its
-- publishing was not confirmed. Every attempt is kept, with the message id it was published under and its outcome;
-- the request's own state is the outcome of the request as a whole (a successful answer to any attempt completes it).

-- The request's current attempt, counted from 1.
ALTER TABLE requests ADD COLUMN attempt INT DEFAULT 1 NOT NULL;

CREATE TABLE request_attempts (
    request_id   VARCHAR(255) NOT NULL,
    attempt      INT          NOT NULL,
    message_id   VARCHAR(255) NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    reason       TEXT,
    accepted_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT request_attempts_pk PRIMARY KEY (request_id, attempt),
    CONSTRAINT request_attempts_state_ck
        CHECK (state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED', 'COMPLETED', 'FAILED'))
);

-- The requests journalled before attempts were: one attempt each, as the request stands.
INSERT INTO request_attempts (request_id, attempt, message_id, state, reason, accepted_at, completed_at)
SELECT request_id, 1, COALESCE(message_id, ''), state, reason, accepted_at, completed_at FROM requests;

-- The attempt a response answered (from the context 1C sent, else the request's attempt when it arrived); NULL for a
-- response whose request the journal did not know.
ALTER TABLE responses ADD COLUMN attempt INT;

UPDATE responses SET attempt = 1 WHERE request_id IN (SELECT request_id FROM requests);
