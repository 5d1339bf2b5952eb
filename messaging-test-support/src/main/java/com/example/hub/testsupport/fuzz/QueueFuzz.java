package com.example.hub.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes one queue of an app with the real broker: sends {@link #BAD} messages of {@link BadMessages} (seeded:
 * {@code -Dfuzz.seed}, default 14; how many: {@code -Dfuzz.messages}, default 1000) and after every
 * {@value #VALID_EVERY}th a valid message of the app's own, waits until every bad message is in the dead-letter queue,
 * and collects what was dead-lettered for the assertions of {@link Run}.
 */
public final class QueueFuzz {

    /** How many bad messages a run sends: {@code -Dfuzz.messages}, default 1000. */
    public static final int BAD = Integer.getInteger("fuzz.messages", 1_000);

    /** A valid message follows the first bad message and every this many after it. */
    public static final int VALID_EVERY = 20;

    /** The seed of the bad messages: {@code -Dfuzz.seed}, default 14. */
    public static final long SEED = Long.getLong("fuzz.seed", 14L);

    // the dead-letter headers of common-messaging's DeadLetterHeaders (this module cannot depend on it: it is a test
    // dependency of common-messaging)
    private static final String FAILURE_KIND = "x-failure-kind";

    private static final String PERMANENT = "permanent";

    private static final String ATTEMPTS = "x-attempts";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbitTemplate;

    private final AmqpAdmin amqpAdmin;

    private final RabbitListenerEndpointRegistry listeners;

    private final String queue;

    private final String deadLetterQueue;

    private final boolean countsAttempts;

    private QueueFuzz(
            RabbitTemplate rabbitTemplate,
            AmqpAdmin amqpAdmin,
            RabbitListenerEndpointRegistry listeners,
            String queue,
            String deadLetterQueue,
            boolean countsAttempts) {
        this.rabbitTemplate = rabbitTemplate;
        this.amqpAdmin = amqpAdmin;
        this.listeners = listeners;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.countsAttempts = countsAttempts;
    }

    /**
     * Fuzzes a queue whose listener dead-letters a bad message after one attempt, saying so in {@code x-attempts}.
     *
     * @param app the app's context: its {@link RabbitTemplate}, {@link AmqpAdmin} and listener containers
     * @param queue the queue
     * @param deadLetterQueue its dead-letter queue
     * @return the fuzzer
     */
    public static QueueFuzz of(ApplicationContext app, String queue, String deadLetterQueue) {
        return new QueueFuzz(
                app.getBean(RabbitTemplate.class),
                app.getBean(AmqpAdmin.class),
                app.getBean(RabbitListenerEndpointRegistry.class),
                queue,
                deadLetterQueue,
                true);
    }

    /**
     * The same fuzzer for a listener that does not count attempts ({@code x-attempts}), such as a batch listener.
     *
     * @return the fuzzer
     */
    public QueueFuzz withoutAttempts() {
        return new QueueFuzz(
                this.rabbitTemplate, this.amqpAdmin, this.listeners, this.queue, this.deadLetterQueue, false);
    }

    /**
     * Sends the bad messages, message ids {@code FUZZ-BAD-<i>}, and the valid ones, then waits (two minutes at the
     * most) until the dead-letter queue holds at least as many messages as were bad and the queue is empty, and
     * takes every message from the dead-letter queue.
     *
     * @param validMessage sends the valid message for {@code i} (0, {@value #VALID_EVERY}, ...) and returns the id to
     *     find its effect by
     * @return what the run sent and found
     */
    public Run run(IntFunction<String> validMessage) {
        BadMessages generator = new BadMessages(new Random(SEED));
        Map<String, String> bad = new HashMap<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < BAD; i++) {
            BadMessages.Bad message = generator.next("FUZZ-BAD-" + i);
            bad.put(message.message().getMessageProperties().getMessageId(), message.what());
            this.rabbitTemplate.send("", this.queue, message.message());
            if (i % VALID_EVERY == 0) {
                valid.add(validMessage.apply(i));
            }
        }

        await().atMost(Duration.ofSeconds(120))
                .until(() -> messageCount(this.deadLetterQueue) >= BAD && messageCount(this.queue) == 0);
        Map<String, Integer> deadLettered = new HashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Message dead;
        while ((dead = this.rabbitTemplate.receive(this.deadLetterQueue, 1_000)) != null) {
            MessageProperties properties = dead.getMessageProperties();
            String id = properties.getMessageId();
            deadLettered.merge(id, 1, Integer::sum);
            kinds.merge(String.valueOf(bad.get(id)), 1, Integer::sum);
            if (!PERMANENT.equals(properties.getHeader(FAILURE_KIND))
                    || String.valueOf(properties.<Object>getHeader(RepublishMessageRecoverer.X_EXCEPTION_MESSAGE))
                            .isBlank()
                    || (this.countsAttempts && !Integer.valueOf(1).equals(properties.getHeader(ATTEMPTS)))) {
                wrong.add(id + " (" + bad.get(id) + "): " + properties.getHeaders());
            }
        }
        return new Run(this.queue, bad, valid, deadLettered, kinds, wrong);
    }

    /**
     * The fuzz test of a queue of requests: {@link #run} with the app's valid requests, then asserts that every bad
     * message was dead-lettered exactly once with the reason ({@link Run#assertEachDeadLetteredOnceWithTheReason}),
     * that every valid request was answered in the answer queue, and that the app still consumes.
     *
     * @param validRequest sends the valid request for {@code i} and returns its request id
     * @param answerQueue the queue the answers to the valid requests go to
     */
    public void assertBadDeadLetteredAndValidAnswered(IntFunction<String> validRequest, String answerQueue) {
        Run run = run(validRequest);
        Set<String> answered = requestIdsIn(answerQueue);
        run.print("answered");

        run.assertEachDeadLetteredOnceWithTheReason();
        assertThat(answered).containsAll(run.valid());
        assertStillConsuming();
    }

    /**
     * Takes every message from a queue (waiting two seconds for each) and returns the {@code request_id}s of those
     * that have one: the answers to valid requests.
     *
     * @param queue the queue the answers go to
     * @return their request ids
     */
    public Set<String> requestIdsIn(String queue) {
        Set<String> ids = new HashSet<>();
        Message message;
        while ((message = this.rabbitTemplate.receive(queue, 2_000)) != null) {
            JsonNode requestId = JSON.readTree(message.getBody()).get("request_id");
            if (requestId != null) {
                ids.add(requestId.asString());
            }
        }
        return ids;
    }

    /** Asserts that the app still consumes: every listener container runs and the queue has a consumer. */
    public void assertStillConsuming() {
        this.listeners
                .getListenerContainers()
                .forEach(container -> assertThat(container.isRunning()).isTrue());
        assertThat(this.amqpAdmin.getQueueInfo(this.queue).getConsumerCount()).isPositive();
    }

    private long messageCount(String queue) {
        return this.amqpAdmin.getQueueInfo(queue).getMessageCount();
    }

    /**
     * What a run sent and found.
     *
     * @param queue the fuzzed queue
     * @param bad the bad messages' ids and what is wrong with each
     * @param valid the ids of the valid messages
     * @param deadLettered how often each message id was dead-lettered
     * @param kinds how many dead letters there were of each kind of bad message
     * @param wrong the dead letters without the headers of a permanent failure after one attempt
     */
    public record Run(
            String queue,
            Map<String, String> bad,
            List<String> valid,
            Map<String, Integer> deadLettered,
            Map<String, Integer> kinds,
            List<String> wrong) {

        /**
         * Prints the line {@code fuzz: ...} that says what the run did.
         *
         * @param validDone what became of the valid messages: {@code answered}, {@code recorded}, ...
         */
        public void print(String validDone) {
            System.out.printf(
                    "fuzz: %d bad messages to %s (seed %d), %d dead-lettered, %d valid %s, by kind %s%n",
                    BAD, this.queue, SEED, this.deadLettered.size(), this.valid.size(), validDone, this.kinds);
        }

        /**
         * Asserts that every bad message was dead-lettered exactly once, with the headers of a permanent failure and
         * its reason.
         */
        public void assertEachDeadLetteredOnceWithTheReason() {
            assertThat(this.deadLettered.keySet()).isEqualTo(this.bad.keySet());
            assertThat(this.deadLettered.values()).containsOnly(1);
            assertThat(this.wrong).isEmpty();
        }
    }
}
