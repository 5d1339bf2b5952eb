-- For each Creatio order, the 1C request whose status was written last, and when 1C sent it. A status request older
-- than the one written last (a slow, redelivered or replayed request) is recognised and not written: the status 1C
-- sent last wins, whatever the order in which the requests are processed, and across restarts and instances.
CREATE TABLE order_status_versions (
    order_id     VARCHAR(255) NOT NULL,
    requested_at TIMESTAMP(3) WITH TIME ZONE,
    request_id   VARCHAR(255),
    status       VARCHAR(255),
    CONSTRAINT order_status_versions_pk PRIMARY KEY (order_id)
);
