package com.example.hub.creatio.control;

/**
 * Body of {@code POST /test-control/failures}.
 *
 * @param count how many of the next matching calls fail (0 clears)
 * @param status the HTTP status they answer with, 400 to 599
 * @param target {@code all} (default), {@code login} or {@code odata}
 */
record FailuresRequest(Integer count, Integer status, String target) {}
