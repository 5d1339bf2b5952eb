#!/usr/bin/env python3
"""A second subscriber of Odoo's product events, such as a data warehouse.

It declares a durable queue of its own (default warehouse_odoo_events), binds it to the topic exchange
odoo_events_exchange with product.#, and prints every event it receives: it gets each event that SOINDI gets,
without any change to the producers. Prefetch 1, each event acknowledged after it was printed.

    python3 warehouse_subscriber.py --max 10 --timeout 30
"""

import argparse
import json

from hub_examples import add_stop_arguments, connect, consume, finish

EXCHANGE = "odoo_events_exchange"
BINDING_KEY = "product.#"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queue", default="warehouse_odoo_events", help="the subscriber's own queue")
    add_stop_arguments(parser)
    args = parser.parse_args()

    connection = connect()
    try:
        channel = connection.channel()
        channel.exchange_declare(exchange=EXCHANGE, exchange_type="topic", durable=True)
        channel.queue_declare(queue=args.queue, durable=True)
        channel.queue_bind(queue=args.queue, exchange=EXCHANGE, routing_key=BINDING_KEY)
        print(f"listening on {args.queue} (bound to {EXCHANGE} with {BINDING_KEY})", flush=True)

        def handle(method, properties, event):
            print(f"received {method.routing_key} {json.dumps(event)}", flush=True)

        handled = consume(channel, args.queue, handle, args.max, args.timeout)
    finally:
        connection.close()
    finish(handled, args.max, f"{handled} product event(s) received on {args.queue}")


if __name__ == "__main__":
    main()
