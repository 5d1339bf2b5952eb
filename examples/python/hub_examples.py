"""Shared helpers of the Python examples.

Connection settings come from the environment: RABBITMQ_HOST (localhost), RABBITMQ_PORT (5672),
RABBITMQ_USERNAME (guest), RABBITMQ_PASSWORD (guest) and RABBITMQ_VHOST (/).
"""

import argparse
import json
import os
import sys
import uuid
from datetime import datetime, timezone

import pika
from pika.exceptions import AMQPConnectionError, NackError, UnroutableError

PERSISTENT = 2  # AMQP delivery mode of a message the broker writes to disk (pika.DeliveryMode.Persistent in 1.3)


def connection_parameters():
    """The broker to talk to, from the environment."""
    return pika.ConnectionParameters(
        host=os.environ.get("RABBITMQ_HOST", "localhost"),
        port=int(os.environ.get("RABBITMQ_PORT", "5672")),
        virtual_host=os.environ.get("RABBITMQ_VHOST", "/"),
        credentials=pika.PlainCredentials(
            os.environ.get("RABBITMQ_USERNAME", "guest"),
            os.environ.get("RABBITMQ_PASSWORD", "guest"),
        ),
        connection_attempts=3,
        retry_delay=1,
        socket_timeout=5,
        blocked_connection_timeout=30,
    )


def connect():
    """Opens a connection, or ends the program with a clear message when the broker cannot be reached."""
    parameters = connection_parameters()
    try:
        return pika.BlockingConnection(parameters)
    except AMQPConnectionError as error:
        fail(
            f"cannot reach RabbitMQ at {parameters.host}:{parameters.port}, virtual host "
            f"'{parameters.virtual_host}': {error!r}"
        )


def fail(message):
    print(f"ERROR: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def now_iso():
    """The current time in ISO-8601, UTC, with microseconds: 2025-05-20T10:00:00.123456Z."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def json_properties(message_id, message_type=None, app_id=None):
    """AMQP properties of a persistent JSON message."""
    return pika.BasicProperties(
        content_type="application/json",
        delivery_mode=PERSISTENT,
        message_id=message_id,
        type=message_type,
        timestamp=int(datetime.now(timezone.utc).timestamp()),
        app_id=app_id,
    )


def publish_confirmed(channel, exchange, routing_key, body, properties):
    """Publishes on a channel in confirm mode and returns only once the broker confirmed the message.

    Ends the program when the broker refused the message or could not route it to any queue.
    """
    try:
        channel.basic_publish(
            exchange=exchange,
            routing_key=routing_key,
            body=json.dumps(body),
            properties=properties,
            mandatory=True,
        )
    except UnroutableError:
        fail(f"NOT CONFIRMED: no queue is bound to exchange '{exchange}' for routing key '{routing_key}'")
    except NackError:
        fail(f"NOT CONFIRMED: the broker refused the message to '{exchange}' with routing key '{routing_key}'")


def produce(queue, count, text):
    """Publishes count persistent JSON messages to a durable queue through the default exchange, with confirms."""
    connection = connect()
    try:
        channel = connection.channel()
        channel.queue_declare(queue=queue, durable=True)
        channel.confirm_delivery()
        for sequence in range(1, count + 1):
            message = {
                "message_id": str(uuid.uuid4()),
                "sequence": sequence,
                "text": f"{text} {sequence}",
                "sent_at": now_iso(),
            }
            publish_confirmed(channel, "", queue, message, json_properties(message["message_id"]))
            print(f"sent {json.dumps(message)}", flush=True)
        print(f"published {count} message(s) to {queue}, all confirmed", flush=True)
    finally:
        connection.close()


def add_stop_arguments(parser):
    parser.add_argument("--max", type=int, default=None, metavar="N", help="stop after N messages")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="stop when no message arrived for S seconds (a non-zero exit if --max was not reached)",
    )


def consume(channel, queue, handle, max_messages=None, timeout=None):
    """Consumes with manual acknowledgements and a prefetch of 1 until max_messages were handled or no message
    arrived for timeout seconds. A message is acknowledged only after handle(method, properties, message) returned;
    a body that is not JSON is rejected without requeueing. Returns how many messages were handled."""
    channel.basic_qos(prefetch_count=1)
    handled = 0
    try:
        for method, properties, body in channel.consume(queue, inactivity_timeout=timeout):
            if method is None:
                print(f"no message for {timeout:g} s: stopping", flush=True)
                break
            try:
                message = json.loads(body)
            except ValueError:
                print(f"rejected (not JSON): {body!r}", flush=True)
                channel.basic_nack(method.delivery_tag, requeue=False)
                continue
            handle(method, properties, message)
            channel.basic_ack(method.delivery_tag)
            handled += 1
            if max_messages is not None and handled >= max_messages:
                break
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        # messages delivered to this consumer but not handled go back to the queue
        channel.cancel()
    return handled


def run_consumer(queue, description):
    """The command line of a work-queue consumer: --max N, --timeout S."""
    parser = argparse.ArgumentParser(description=description)
    add_stop_arguments(parser)
    args = parser.parse_args()
    connection = connect()
    try:
        channel = connection.channel()
        channel.queue_declare(queue=queue, durable=True)
        print(f"consuming {queue}", flush=True)

        def handle(method, properties, message):
            print(f"received {json.dumps(message)}", flush=True)

        handled = consume(channel, queue, handle, args.max, args.timeout)
    finally:
        connection.close()
    finish(handled, args.max, f"consumed {handled} message(s) from {queue}")


def run_producer(queue, description):
    """The command line of a work-queue producer: --count N, --text TEXT."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--count", type=int, default=10, metavar="N", help="how many messages (default 10)")
    parser.add_argument("--text", default=f"hello from {queue}", help="the text of each message")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    produce(queue, args.count, args.text)


def finish(handled, max_messages, summary):
    print(summary, flush=True)
    if max_messages is not None and handled < max_messages:
        fail(f"expected {max_messages} message(s), got {handled}")
