-- The CRM adapter's inbox (com.example.hub.messaging.inbox.Inbox): every message it handled, with the messages it
-- sent because of it (its answer to 1C, or its policy look-up at DMS). A redelivered message is not handled again:
-- Creatio is not called again, and what was sent is published again under the same message ids.
-- Portable SQL: runs on H2 (MODE=PostgreSQL) and on PostgreSQL.
CREATE TABLE hub_inbox (
    message_id   VARCHAR(255) NOT NULL,
    request_id   VARCHAR(255) NOT NULL,
    message_type VARCHAR(100) NOT NULL,
    sent         TEXT         NOT NULL,
    handled_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT hub_inbox_pk PRIMARY KEY (message_id)
);

CREATE INDEX hub_inbox_handled_at_idx ON hub_inbox (handled_at);
