package com.example.hub.creatio.control;

/** Body of {@code POST /test-control/latency}: the delay added to every Creatio call, 0 for none. */
record LatencyRequest(Long millis) {}
