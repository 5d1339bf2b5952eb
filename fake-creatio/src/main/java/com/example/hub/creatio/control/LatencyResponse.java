package com.example.hub.creatio.control;

record LatencyResponse(long millis) {}
