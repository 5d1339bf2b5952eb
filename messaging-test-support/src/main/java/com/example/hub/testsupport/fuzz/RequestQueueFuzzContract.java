package com.example.hub.testsupport.fuzz;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The fuzz test of an app's queue of requests, as every such app answers it: {@link QueueFuzz#BAD} bad messages each
 * land exactly once in the dead-letter queue, with the reason, without retries; the valid requests sent meanwhile
 * are answered; the listener keeps consuming ({@link QueueFuzz#assertBadDeadLetteredAndValidAnswered}). A test class
 * of an app extends it, starts the app against the broker, names its queues and sends its own valid request.
 */
public abstract class RequestQueueFuzzContract {

    @Autowired
    private ApplicationContext app;

    private final String queue;

    private final String deadLetterQueue;

    private final String answerQueue;

    /**
     * The contract for one queue.
     *
     * @param queue the app's queue
     * @param deadLetterQueue its dead-letter queue
     * @param answerQueue the queue the answers to the valid requests go to
     */
    protected RequestQueueFuzzContract(String queue, String deadLetterQueue, String answerQueue) {
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.answerQueue = answerQueue;
    }

    @Test
    void badMessagesAreDeadLetteredOnceWithTheReasonWhileValidOnesAreAnswered() {
        QueueFuzz.of(this.app, this.queue, this.deadLetterQueue)
                .assertBadDeadLetteredAndValidAnswered(this::sendValidRequest, this.answerQueue);
    }

    /**
     * Sends a valid request of the app's, with its request id {@code FUZZ-OK-<i>}.
     *
     * @param i the request's number
     * @return its request id
     */
    protected abstract String sendValidRequest(int i);
}
