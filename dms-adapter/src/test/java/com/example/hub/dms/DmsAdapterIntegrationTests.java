package com.example.hub.dms;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.PoisonMessage;
import com.example.hub.testsupport.QueueMessages;
import com.example.hub.testsupport.security.TestApiKeys;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:dms-integration-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            // dead-lettered once the quick retries are spent: the delayed retries have tests of their own
            "hub.messaging.retry.give-up-after=0s",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms",
            "dms.unknown-policy-numbers=POL-UNKNOWN-1"
        })
@BrokerTest
class DmsAdapterIntegrationTests {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @LocalServerPort
    int port;

    @AfterEach
    void nothingElseWasDeadLettered() {
        assertThat(this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE))
                .isNull();
    }

    @Test
    void createUserIsAnsweredToTheRequesterWithTheDmsUser() {
        String requestId = newRequestId();
        MessageEnvelope request = MessageEnvelope.request(
                        requestId,
                        "1C",
                        "DMS",
                        "create_user",
                        Map.of("user_id", "U-100", "name", "Ivan Petrov", "email", "ivan.petrov@example.com"))
                .withContext(Map.of("step", "create_user", "attempt", 1));

        this.publisher.publish(request.requestKey(), request);

        Message answer = answerOn(HubTopology.ONEC_QUEUE, requestId);
        assertThat(answer.getMessageProperties().getReceivedRoutingKey()).isEqualTo("dms.response.1c.user_created");
        MessageEnvelope response = read(answer);
        assertThat(response.requestId()).isEqualTo(requestId);
        assertThat(response.sourceSystem()).isEqualTo("dms");
        assertThat(response.targetSystem()).isEqualTo("1C");
        assertThat(response.messageType()).isEqualTo("user_created");
        assertThat(response.context()).isEqualTo(Map.of("step", "create_user", "attempt", 1));
        assertThat(response.payload())
                .containsEntry("status", "success")
                .containsEntry("user_id", "U-100")
                .containsEntry("message", "User created in DMS");
        assertThat((String) response.payload().get("dms_user_id")).matches("DMS-USER-[0-9A-F]{8}");
    }

    @Test
    void theSameUserTwiceIsTheSameDmsUser() {
        Map<String, Object> payload = Map.of("user_id", "U-200", "name", "Anna Smirnova", "email", "anna@example.com");
        MessageEnvelope first = createUser(newRequestId(), payload);
        MessageEnvelope second = createUser(newRequestId(), payload);

        this.publisher.publish(first.requestKey(), first);
        Map<String, Object> firstAnswer =
                read(answerOn(HubTopology.ONEC_QUEUE, first.requestId())).payload();
        this.publisher.publish(second.requestKey(), second);
        Map<String, Object> secondAnswer =
                read(answerOn(HubTopology.ONEC_QUEUE, second.requestId())).payload();

        assertThat(firstAnswer).containsEntry("message", "User created in DMS");
        assertThat(secondAnswer)
                .containsEntry("status", "success")
                .containsEntry("user_id", "U-200")
                .containsEntry("dms_user_id", firstAnswer.get("dms_user_id"))
                .containsEntry("message", "User already existed in DMS");
    }

    @Test
    void aRedeliveredRequestIsNotHandledAgainButAnsweredWithTheSameMessage() {
        Map<String, Object> payload =
                Map.of("user_id", "U-250", "name", "Pavel Orlov", "email", "pavel.orlov@example.com");
        MessageEnvelope request = createUser(newRequestId(), payload);

        this.publisher.publish(request.requestKey(), request);
        MessageEnvelope first = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));
        // the same message again, as the broker redelivers it after a crash before the acknowledgement
        this.publisher.publish(request.requestKey(), request);
        MessageEnvelope again = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));

        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.payload()).isEqualTo(first.payload()).containsEntry("message", "User created in DMS");
        assertThat(again.timestamp()).isEqualTo(first.timestamp());
    }

    @Test
    void aCreatedUserIsShownOverHttp() {
        MessageEnvelope request = createUser(
                newRequestId(), Map.of("user_id", "U-300", "name", "Oleg Ivanov", "email", "oleg@example.com"));
        this.publisher.publish(request.requestKey(), request);
        Object dmsUserId = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()))
                .payload()
                .get("dms_user_id");
        RestClient http = RestClient.builder()
                .baseUrl("http://localhost:" + this.port)
                .defaultHeader(TestApiKeys.HEADER, TestApiKeys.READER_KEY)
                .build();

        JsonNode user = http.get().uri("/users/{id}", "U-300").retrieve().body(JsonNode.class);
        HttpStatusCode unknown = http.get()
                .uri("/users/{id}", "U-NOBODY")
                .retrieve()
                .onStatus(status -> status.value() == 404, (req, res) -> {})
                .toBodilessEntity()
                .getStatusCode();

        assertThat(user.get("dms_user_id").asString()).isEqualTo(dmsUserId);
        assertThat(user.get("user_id").asString()).isEqualTo("U-300");
        assertThat(user.get("name").asString()).isEqualTo("Oleg Ivanov");
        assertThat(user.get("email").asString()).isEqualTo("oleg@example.com");
        assertThat(unknown).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aKnownPolicyIsAnsweredToCrmWithItsDetailsAndTheContext() {
        String requestId = newRequestId();
        MessageEnvelope request = MessageEnvelope.request(
                        requestId, "CRM", "DMS", "get_policy_info", Map.of("policy_number", "POL-2024-001"))
                .withContext(Map.of("order_id", "ORD-7"));

        this.publisher.publish(request.requestKey(), request);

        Message answer = answerOn(HubTopology.CRM_QUEUE, requestId);
        assertThat(answer.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("dms.response.crm.policy_info_response");
        MessageEnvelope response = read(answer);
        assertThat(response.context()).isEqualTo(Map.of("order_id", "ORD-7"));
        assertThat(response.payload())
                .containsEntry("status", "found")
                .containsEntry("policy_number", "POL-2024-001")
                .containsEntry("policy_status", "ACTIVE")
                .containsKey("insurer_name");
        String start = (String) response.payload().get("start_date");
        String end = (String) response.payload().get("end_date");
        assertThat(start).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(LocalDate.parse(end)).isEqualTo(LocalDate.parse(start).plusYears(1));
    }

    @Test
    void anUnknownPolicyIsAnsweredAsNotFound() {
        MessageEnvelope configuredUnknown = MessageEnvelope.request(
                        newRequestId(), "crm", "dms", "get_policy_info", Map.of("policy_number", "POL-UNKNOWN-1"))
                .withContext(Map.of("order_id", "ORD-8"));
        MessageEnvelope notAPolicyNumber = MessageEnvelope.request(
                newRequestId(), "crm", "dms", "get_policy_info", Map.of("policy_number", "INS-42"));

        this.publisher.publish(configuredUnknown.requestKey(), configuredUnknown);
        MessageEnvelope first = read(answerOn(HubTopology.CRM_QUEUE, configuredUnknown.requestId()));
        this.publisher.publish(notAPolicyNumber.requestKey(), notAPolicyNumber);
        MessageEnvelope second = read(answerOn(HubTopology.CRM_QUEUE, notAPolicyNumber.requestId()));

        assertThat(first.messageType()).isEqualTo("policy_info_response");
        assertThat(first.context()).isEqualTo(Map.of("order_id", "ORD-8"));
        assertThat(first.payload())
                .containsEntry("status", "not_found")
                .containsEntry("policy_number", "POL-UNKNOWN-1")
                .containsEntry("insurer_name", null)
                .containsEntry("policy_status", null)
                .containsEntry("start_date", null)
                .containsEntry("end_date", null);
        assertThat(second.payload()).containsEntry("status", "not_found").containsEntry("policy_number", "INS-42");
    }

    @Test
    void aCreateUserWithoutEmailIsDeadLetteredAtOnceAndTheRequesterIsAnswered() {
        String requestId = newRequestId();
        MessageEnvelope request = MessageEnvelope.request(
                        requestId, "1C", "DMS", "create_user", Map.of("user_id", "U-400", "name", "No Mail"))
                .withContext(Map.of("step", "one"));

        this.publisher.publish(request.requestKey(), request);

        Message dead = deadLettered(requestId);
        Map<String, Object> headers = dead.getMessageProperties().getHeaders();
        assertThat(headers)
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT)
                .containsEntry(DeadLetterHeaders.ORIGINAL_QUEUE, HubTopology.DMS_QUEUE)
                .containsEntry(DeadLetterHeaders.FAILED_SERVICE, "dms-adapter");
        assertThat((String) headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("email");
        Message answer = answerOn(HubTopology.ONEC_QUEUE, requestId);
        assertThat(answer.getMessageProperties().getReceivedRoutingKey()).isEqualTo("dms.response.1c.error");
        MessageEnvelope reply = read(answer);
        assertThat(reply.context()).isEqualTo(Map.of("step", "one"));
        assertThat(reply.payload())
                .containsEntry("status", "error")
                .containsEntry("dead_letter_queue", HubTopology.DMS_DEAD_LETTER_QUEUE)
                .containsEntry("failed_message_type", "create_user")
                .containsEntry("failed_service", "dms-adapter");
        assertThat((String) reply.payload().get("reason")).contains("email");
    }

    @Test
    void aMalformedEmailIsDeadLettered() {
        String requestId = newRequestId();
        MessageEnvelope request =
                createUser(requestId, Map.of("user_id", "U-401", "name", "Bad Mail", "email", "not an address"));

        this.publisher.publish(request.requestKey(), request);

        Message dead = deadLettered(requestId);
        assertThat(dead.getMessageProperties().getHeaders()).containsEntry(DeadLetterHeaders.ATTEMPTS, 1);
        assertThat((String) dead.getMessageProperties().getHeaders().get(DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("email");
        assertThat(read(answerOn(HubTopology.ONEC_QUEUE, requestId)).messageType())
                .isEqualTo("error");
    }

    @Test
    void anUnknownMessageTypeIsDeadLetteredAtOnceAndTheRequesterIsAnswered() {
        String requestId = newRequestId();
        MessageEnvelope request =
                MessageEnvelope.request(requestId, "crm", "dms", "delete_everything", Map.of("all", true));

        this.publisher.publish(request.requestKey(), request);

        Message dead = deadLettered(requestId);
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT)
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "crm.request.dms.delete_everything");
        assertThat((String) dead.getMessageProperties().getHeaders().get(DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("Unknown message type 'delete_everything'");
        MessageEnvelope reply = read(answerOn(HubTopology.CRM_QUEUE, requestId));
        assertThat(reply.messageType()).isEqualTo("error");
        assertThat(reply.payload()).containsEntry("failed_message_type", "delete_everything");
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheAdapterKeepsServing() {
        Message dead = PoisonMessage.sendAndReceiveDeadLetter(
                this.rabbitTemplate,
                HubTopology.EXCHANGE,
                "1c.request.dms.create_user",
                HubTopology.DMS_DEAD_LETTER_QUEUE,
                RECEIVE_TIMEOUT);
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT);

        MessageEnvelope valid = createUser(
                newRequestId(), Map.of("user_id", "U-500", "name", "After Poison", "email", "after@example.com"));
        this.publisher.publish(valid.requestKey(), valid);
        assertThat(read(answerOn(HubTopology.ONEC_QUEUE, valid.requestId())).payload())
                .containsEntry("status", "success")
                .containsEntry("user_id", "U-500");
    }

    private Message answerOn(String queue, String requestId) {
        return receive(queue, QueueMessages.withCorrelationId(requestId));
    }

    private Message deadLettered(String requestId) {
        return answerOn(HubTopology.DMS_DEAD_LETTER_QUEUE, requestId);
    }

    /** The first message of a queue that matches; the messages before it are dropped. */
    private Message receive(String queue, Predicate<Message> wanted) {
        return QueueMessages.receive(this.rabbitTemplate, queue, wanted, RECEIVE_TIMEOUT);
    }

    private static MessageEnvelope read(Message message) {
        return QueueMessages.read(message, MessageEnvelope.class);
    }

    /** 1C's request for a new user in DMS. */
    private static MessageEnvelope createUser(String requestId, Map<String, Object> user) {
        return MessageEnvelope.request(requestId, "1c", "dms", "create_user", user);
    }

    private static String newRequestId() {
        return "REQ-" + UUID.randomUUID();
    }
}
