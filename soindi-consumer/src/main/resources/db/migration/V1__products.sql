-- SOINDI's copy of Odoo's products, and the events it applied. Runs on H2 and PostgreSQL.
--
-- An event is applied at most once: its id is the primary key of applied_events, inserted in the transaction that
-- changes the product. An event older than the product's last event is recorded with outcome STALE and leaves the
-- product as it is.

create table products (
    product_id           varchar(255)             not null primary key,
    name                 varchar(1000),
    price                numeric(19, 4),
    deleted              boolean                  not null default false,
    last_event_id        varchar(255)             not null,
    last_event_timestamp timestamp with time zone not null,
    updated_at           timestamp with time zone not null
);

create table applied_events (
    event_id        varchar(255)             not null primary key,
    event_type      varchar(50)              not null,
    product_id      varchar(255)             not null,
    event_timestamp timestamp with time zone not null,
    outcome         varchar(20)              not null,
    instance_id     varchar(255)             not null,
    applied_at      timestamp with time zone not null
);

create index applied_events_product_id on applied_events (product_id);
