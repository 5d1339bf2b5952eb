#!/usr/bin/env python3
"""Publishes persistent JSON messages to the durable queue python_queue_1, waiting for the broker's confirms.

    python3 producer_1.py --count 5
"""

from hub_examples import run_producer

QUEUE = "python_queue_1"

if __name__ == "__main__":
    run_producer(QUEUE, __doc__)
