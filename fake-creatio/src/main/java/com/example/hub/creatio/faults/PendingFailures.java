package com.example.hub.creatio.faults;

/**
 * Failures still to be injected.
 *
 * @param remaining how many of the next matching calls fail
 * @param status the HTTP status they answer with
 * @param target which calls they hit
 */
public record PendingFailures(int remaining, int status, FailureTarget target) {

    public static final PendingFailures NONE = new PendingFailures(0, 0, FailureTarget.ALL);
}
