package com.example.hub.creatio.control;

import java.util.Map;

/**
 * Body of {@code GET /test-control/patches}: how often each order was patched successfully, by order number and by
 * the columns patched (their names, sorted, joined by commas), e.g. {@code {"ORD1": {"StatusId": 1}}}.
 */
record PatchesResponse(Map<String, Map<String, Integer>> patches) {}
