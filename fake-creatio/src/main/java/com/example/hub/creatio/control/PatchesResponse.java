package com.example.hub.creatio.control;

import java.util.Map;

/** Body of {@code GET /test-control/patches}: how often each order was patched successfully, by order id. */
record PatchesResponse(Map<String, Integer> patches) {}
