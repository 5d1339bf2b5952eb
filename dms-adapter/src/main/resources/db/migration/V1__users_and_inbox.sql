-- The simulated DMS's store: its users, and every request it answered, with the answer it sent.
-- Portable SQL: runs on H2 (MODE=PostgreSQL) and on PostgreSQL.

CREATE TABLE users (
    user_id     VARCHAR(255) NOT NULL,
    dms_user_id VARCHAR(32)  NOT NULL,
    name        VARCHAR(500) NOT NULL,
    email       VARCHAR(500) NOT NULL,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (user_id),
    CONSTRAINT users_dms_user_id_uk UNIQUE (dms_user_id)
);

-- The inbox (com.example.hub.messaging.inbox.Inbox): a request is recorded here in the transaction of its effect,
-- with the response DMS sent, so that a redelivered request (a crash between the commit and the broker's
-- acknowledgement, a replay) is answered with the same response, under the same message id, instead of being done again.
CREATE TABLE hub_inbox (
    message_id   VARCHAR(255) NOT NULL,
    request_id   VARCHAR(255) NOT NULL,
    message_type VARCHAR(100) NOT NULL,
    sent         TEXT         NOT NULL,
    handled_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT hub_inbox_pk PRIMARY KEY (message_id)
);

CREATE INDEX hub_inbox_handled_at_idx ON hub_inbox (handled_at);
