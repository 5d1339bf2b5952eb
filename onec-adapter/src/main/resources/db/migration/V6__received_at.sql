-- accepted_at held when 1C's HTTP request of an attempt arrived, while the state ACCEPTED means that the broker
-- confirmed it, and created_at (when the journal first recorded the request, after its body was read) read later than
-- it. The column is named for what it holds, as received_at is for a response. Portable SQL: runs on H2
-- (MODE=PostgreSQL) and on PostgreSQL.
ALTER TABLE requests RENAME COLUMN accepted_at TO received_at;
ALTER TABLE request_attempts RENAME COLUMN accepted_at TO received_at;
