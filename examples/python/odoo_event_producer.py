#!/usr/bin/env python3
"""Publishes Odoo product events, as Odoo does, for SOINDI and every other subscriber.

By default each event goes to the topic exchange odoo_events_exchange with routing key product.<event type>, such
as product.product_updated, so that every queue bound to the exchange gets it (SOINDI's odoo_events, a data
warehouse's own queue...). With --direct it goes straight to the queue odoo_events through the default exchange,
after declaring that queue as a plain durable queue, as older clients do.

Every event is confirmed by the broker before the next is sent; the program exits non-zero when one is not.

    python3 odoo_event_producer.py --event-type PRODUCT_UPDATED --product-id PROD-98765 --name "New Product Name" --price 199.99
    python3 odoo_event_producer.py --count 10
    python3 odoo_event_producer.py --direct --event-type PRODUCT_DELETED --product-id PROD-98765
"""

import argparse
import json
import random
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from hub_examples import connect, json_properties, publish_confirmed

EXCHANGE = "odoo_events_exchange"
QUEUE = "odoo_events"
ROUTING_KEY_PREFIX = "product."
EVENT_TYPES = ("PRODUCT_CREATED", "PRODUCT_UPDATED", "PRODUCT_DELETED")


def event_type(text):
    name = text.strip().upper().replace("-", "_")
    for candidate in (name, "PRODUCT_" + name):
        if candidate in EVENT_TYPES:
            return candidate
    raise argparse.ArgumentTypeError(f"unknown event type {text!r}: use one of {', '.join(EVENT_TYPES)}")


def price(text):
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a decimal number: {text!r}")
    if value < 0:
        raise argparse.ArgumentTypeError(f"a price must not be negative: {text}")
    return value


class Timestamps:
    """Strictly increasing ISO-8601 timestamps, so that the events of one run keep their order at every subscriber."""

    def __init__(self):
        self.last = None

    def next(self):
        now = datetime.now(timezone.utc)
        if self.last is not None and now <= self.last:
            now = self.last + timedelta(microseconds=1)
        self.last = now
        return now.isoformat(timespec="microseconds").replace("+00:00", "Z")


def make_event(args, timestamps):
    product_id = args.product_id or f"PROD-{random.randint(10000, 99999)}"
    payload = {"productId": product_id}
    if args.event_type != "PRODUCT_DELETED":
        payload["name"] = args.name if args.name is not None else f"Product {product_id}"
        # a JSON number, as Odoo sends it: 199.99, not "199.99"
        payload["price"] = float(args.price) if args.price is not None else round(random.uniform(1, 1000), 2)
    return {
        "eventId": f"evt-{uuid.uuid4()}",
        "eventType": args.event_type,
        "timestamp": timestamps.next(),
        "payload": payload,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1, metavar="N", help="how many events (default 1)")
    parser.add_argument("--event-type", type=event_type, default="PRODUCT_UPDATED", help="default PRODUCT_UPDATED")
    parser.add_argument("--product-id", help="the product of every event (default: a generated one per event)")
    parser.add_argument("--name", help="the product name (default: generated)")
    parser.add_argument("--price", type=price, help="the price (default: generated)")
    parser.add_argument(
        "--direct",
        action="store_true",
        help=f"publish to the queue {QUEUE} through the default exchange, as older clients do",
    )
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")

    connection = connect()
    try:
        channel = connection.channel()
        if args.direct:
            # exactly what the older clients do (Node.js: assertQueue('odoo_events', {durable: true}))
            channel.queue_declare(queue=QUEUE, durable=True)
        else:
            # the same declarations as the Java side: events wait in odoo_events even when SOINDI is not running
            channel.exchange_declare(exchange=EXCHANGE, exchange_type="topic", durable=True)
            channel.queue_declare(queue=QUEUE, durable=True)
            channel.queue_bind(queue=QUEUE, exchange=EXCHANGE, routing_key=ROUTING_KEY_PREFIX + "#")
        channel.confirm_delivery()
        timestamps = Timestamps()
        for _ in range(args.count):
            event = make_event(args, timestamps)
            if args.direct:
                exchange, routing_key = "", QUEUE
            else:
                exchange, routing_key = EXCHANGE, ROUTING_KEY_PREFIX + event["eventType"].lower()
            properties = json_properties(event["eventId"], event["eventType"], app_id="odoo_event_producer.py")
            publish_confirmed(channel, exchange, routing_key, event, properties)
            print(f"sent {routing_key} {json.dumps(event)}", flush=True)
        target = f"queue {QUEUE}" if args.direct else f"exchange {EXCHANGE}"
        print(f"published {args.count} product event(s) to {target}, all confirmed", flush=True)
    finally:
        connection.close()


if __name__ == "__main__":
    main()
