package com.example.hub.creatio.control;

import java.util.List;
import java.util.Map;

/** Body of {@code GET /test-control/orders}: the stored orders (see {@code Orders.describe}), by number. */
record OrdersResponse(List<Map<String, Object>> orders) {}
