package com.example.hub.creatio.control;

import java.util.List;
import java.util.Map;

/** Body of {@code GET /test-control/orders}: the stored orders as OData shows them, by id. */
record OrdersResponse(List<Map<String, Object>> orders) {}
