-- The client that sent the request's current attempt, by its name in hub.security.clients (such as 1c), from the API
-- key it authenticated with. NULL for the requests journalled before it was recorded.
ALTER TABLE requests ADD COLUMN submitted_by VARCHAR(255);
