#!/usr/bin/env python3
"""Consumes the durable queue python_queue_2: prefetch 1, each message acknowledged after it was handled.

    python3 consumer_2.py --max 5 --timeout 10
"""

from hub_examples import run_consumer

QUEUE = "python_queue_2"

if __name__ == "__main__":
    run_consumer(QUEUE, __doc__)
