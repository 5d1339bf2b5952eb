package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.creatio.FakeCreatioServer;
import com.example.hub.crm.creatio.FakeCreatioControls;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.PoisonMessage;
import com.example.hub.testsupport.QueueMessages;
import com.example.hub.testsupport.security.TestApiKeys;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter against the real broker and fake Creatio, started in-process. The test plays 1C (publishes requests,
 * reads the answers from {@code 1c_queue}) and DMS (reads {@code get_policy_info} from {@code dms_queue}, answers to
 * CRM).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-integration-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            // dead-lettered once the quick retries are spent: the delayed retries have tests of their own
            "hub.messaging.retry.give-up-after=0s",
            // Creatio's outages are the tests' own: no circuit breaker in between
            "hub.messaging.pause-while-down=",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms",
            // only the check at start: the tests' Creatio call counts stay theirs
            "crm.creatio-health-interval=1h",
            // the policy in fake Creatio's custom columns (their default names)
            "creatio.policy-columns.number=UsrPolicyNumber",
            "creatio.policy-columns.insurer=UsrInsurer",
            "creatio.policy-columns.status=UsrPolicyStatus",
            "creatio.policy-columns.start-date=UsrPolicyStartDate",
            "creatio.policy-columns.end-date=UsrPolicyEndDate"
        })
@BrokerTest
class CrmAdapterIntegrationTests {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = new JsonMapper();

    private static FakeCreatioServer creatio;

    private static FakeCreatioControls controls;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startFakeCreatio() {
        creatio = FakeCreatioServer.start("fake-creatio.test-controls.enabled=true");
        controls = new FakeCreatioControls(creatio.baseUrl());
    }

    @AfterAll
    static void stopFakeCreatio() {
        creatio.close();
    }

    @DynamicPropertySource
    static void creatioBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("creatio.base-url", () -> creatio.baseUrl().toString());
    }

    @BeforeEach
    void readyWithAFreshCreatio() {
        // the login check at start has run (so it does not count in a test), then Creatio starts afresh
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "UP".equals(readiness().path("status").asString()));
        controls.reset();
    }

    @AfterEach
    void nothingElseWasDeadLetteredOrLeftForDms() {
        assertThat(this.rabbitTemplate.receive(HubTopology.CRM_DEAD_LETTER_QUEUE))
                .isNull();
        assertThat(this.rabbitTemplate.receive(HubTopology.DMS_QUEUE)).isNull();
    }

    @Test
    void readinessIncludesTheCachedCreatioLoginCheck() {
        JsonNode readiness = readiness();
        int loginCalls = controls.stats().path("loginCalls").asInt();
        readiness();
        readiness();

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        JsonNode components = readiness.path("components");
        assertThat(components.has("readinessState")).isTrue();
        assertThat(components.has("rabbit")).isTrue();
        assertThat(components.has("hubMessaging")).isTrue();
        JsonNode creatioHealth = components.path("creatio");
        assertThat(creatioHealth.path("status").asString()).isEqualTo("UP");
        assertThat(creatioHealth.path("details").path("baseUrl").asString())
                .isEqualTo(creatio.baseUrl().toString());
        assertThat(creatioHealth.path("details").path("lastCheck").asString()).isNotBlank();
        assertThat(controls.stats().path("loginCalls").asInt())
                .as("probes read the last check")
                .isEqualTo(loginCalls);
    }

    @Test
    void anUpdateWithoutPolicyUpdatesTheOrderAndAnswersTheRequester() {
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-100", "new_status", "Shipped"))
                .withContext(Map.of("journal_entry", 42));

        this.publisher.publish(request.requestKey(), request);

        Message answer = answerOn(HubTopology.ONEC_QUEUE, request.requestId());
        assertThat(answer.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("crm.response.1c.order_status_updated");
        MessageEnvelope response = read(answer);
        assertThat(response.sourceSystem()).isEqualTo("crm");
        assertThat(response.targetSystem()).isEqualTo("1C");
        assertThat(response.messageType()).isEqualTo("order_status_updated");
        assertThat(response.context()).isEqualTo(Map.of("journal_entry", 42));
        assertThat(response.payload())
                .containsEntry("order_id", "ORD-100")
                .containsEntry("new_status", "Shipped")
                .containsEntry("status", "success")
                .containsKey("message")
                .doesNotContainKey("policy");
        assertThat(statusOf("ORD-100")).isEqualTo("Shipped");
    }

    @Test
    void aRedeliveredUpdateDoesNotCallCreatioAgainAndIsAnsweredWithTheSameMessage() {
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-150", "new_status", "Shipped"));
        this.publisher.publish(request.requestKey(), request);
        MessageEnvelope first = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));
        int odataCalls = controls.stats().path("odataCalls").asInt();

        // the same message again, as the broker redelivers it after a crash before the acknowledgement
        this.publisher.publish(request.requestKey(), request);
        MessageEnvelope again = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));

        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.payload()).isEqualTo(first.payload());
        assertThat(controls.stats().path("odataCalls").asInt()).isEqualTo(odataCalls);
    }

    @Test
    void aRedeliveredUpdateWhoseStatusCreatioAlreadyHasIsAnsweredWithoutWritingItAgain() {
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-155", "new_status", "Shipped"));
        // as if the adapter had written the status, then crashed before it recorded and acknowledged the message
        controls.putOrder("ORD-155", "{\"Status\": \"Shipped\"}");
        redeliver(request);

        MessageEnvelope answer = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));

        assertThat(answer.payload()).containsEntry("status", "success");
        assertThat(statusOf("ORD-155")).isEqualTo("Shipped");
        assertThat(controls.patches("ORD-155")).isZero();
    }

    @Test
    void aRedeliveredUpdateOfAnOrderCreatioDoesNotHaveYetIsWritten() {
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-156", "new_status", "Shipped"));
        // delivered once, then returned unacknowledged before the adapter wrote anything (its listeners were paused)
        redeliver(request);

        MessageEnvelope answer = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));

        assertThat(answer.payload()).containsEntry("status", "success");
        assertThat(statusOf("ORD-156")).isEqualTo("Shipped");
        assertThat(controls.patches("ORD-156")).isOne();
    }

    @Test
    void theStatus1cSentLastWinsOverAnOlderRequestHandledLater() {
        Instant now = Instant.now();
        MessageEnvelope newer =
                sentAt(now, updateOrderStatus(Map.of("order_id", "ORD-160", "new_status", "Delivered")));
        MessageEnvelope older =
                sentAt(now.minusSeconds(60), updateOrderStatus(Map.of("order_id", "ORD-160", "new_status", "Shipped")));

        this.publisher.publish(newer.requestKey(), newer);
        answerOn(HubTopology.ONEC_QUEUE, newer.requestId());
        this.publisher.publish(older.requestKey(), older);
        MessageEnvelope answer = read(answerOn(HubTopology.ONEC_QUEUE, older.requestId()));

        assertThat(statusOf("ORD-160")).isEqualTo("Delivered");
        assertThat(answer.payload()).containsEntry("status", "success").containsEntry("new_status", "Shipped");
        assertThat((String) answer.payload().get("message"))
                .contains("already has the status Delivered of request " + newer.requestId())
                .contains("not written");
    }

    @Test
    void aSlowPolicyAnswerAddsThePolicyButDoesNotBringAnOlderStatusBack() {
        Instant now = Instant.now();
        MessageEnvelope shipped = sentAt(
                now.minusSeconds(1),
                updateOrderStatus(Map.of(
                        "order_id", "ORD-170",
                        "new_status", "Shipped",
                        "needs_policy_info", true,
                        "policy_number", "POL-2024-001")));
        MessageEnvelope delivered =
                sentAt(now, updateOrderStatus(Map.of("order_id", "ORD-170", "new_status", "Delivered")));

        this.publisher.publish(shipped.requestKey(), shipped);
        MessageEnvelope ask = read(answerOn(HubTopology.DMS_QUEUE, shipped.requestId()));
        this.publisher.publish(delivered.requestKey(), delivered);
        answerOn(HubTopology.ONEC_QUEUE, delivered.requestId());
        answerAsDms(
                ask,
                "policy_info_response",
                Map.of("status", "found", "policy_number", "POL-2024-001", "policy_status", "ACTIVE"));
        answerOn(HubTopology.ONEC_QUEUE, shipped.requestId());

        assertThat(statusOf("ORD-170")).isEqualTo("Delivered");
        assertThat(controls.order("ORD-170")
                        .orElseThrow()
                        .path("UsrPolicyNumber")
                        .asString())
                .isEqualTo("POL-2024-001");
    }

    @Test
    void anExpiredSessionIsRenewedAndStatusIsAcceptedForNewStatus() {
        MessageEnvelope first = updateOrderStatus(Map.of("order_id", "ORD-200", "status", "Paid"));
        this.publisher.publish(first.requestKey(), first);
        assertThat(read(answerOn(HubTopology.ONEC_QUEUE, first.requestId())).payload())
                .containsEntry("status", "success")
                .containsEntry("new_status", "Paid");
        int logins = controls.stats().path("successfulLogins").asInt();

        controls.expireSessions();
        MessageEnvelope second = updateOrderStatus(Map.of("order_id", "ORD-200", "status", "Shipped"));
        this.publisher.publish(second.requestKey(), second);

        assertThat(read(answerOn(HubTopology.ONEC_QUEUE, second.requestId())).payload())
                .containsEntry("status", "success")
                .containsEntry("new_status", "Shipped");
        assertThat(statusOf("ORD-200")).isEqualTo("Shipped");
        assertThat(controls.stats().path("successfulLogins").asInt()).isEqualTo(logins + 1);
    }

    @Test
    void aFoundPolicyIsAskedOfDmsThenRecordedOnTheOrderAndAnswered() {
        MessageEnvelope request = updateOrderStatus(Map.of(
                        "order_id", "ORD-300",
                        "new_status", "Shipped",
                        "needs_policy_info", true,
                        "policy_number", "POL-2024-001"))
                .withContext(Map.of("journal_entry", 7));

        this.publisher.publish(request.requestKey(), request);

        Message asked = answerOn(HubTopology.DMS_QUEUE, request.requestId());
        assertThat(asked.getMessageProperties().getReceivedRoutingKey()).isEqualTo("crm.request.dms.get_policy_info");
        MessageEnvelope ask = read(asked);
        assertThat(ask.requestId()).isEqualTo(request.requestId());
        assertThat(ask.sourceSystem()).isEqualTo("crm");
        assertThat(ask.targetSystem()).isEqualTo("dms");
        assertThat(ask.messageType()).isEqualTo("get_policy_info");
        assertThat(ask.payload()).isEqualTo(Map.of("policy_number", "POL-2024-001"));
        assertThat(ask.context())
                .containsEntry("reply_to", "1C")
                .containsEntry("order_id", "ORD-300")
                .containsEntry("new_status", "Shipped")
                .containsEntry("policy_number", "POL-2024-001")
                .containsEntry("original_message_type", "update_order_status")
                .containsEntry("requester_context", Map.of("journal_entry", 7));
        assertThat(this.rabbitTemplate.receive(HubTopology.ONEC_QUEUE))
                .as("no answer before DMS answered")
                .isNull();
        // the status is written when the request is handled; the policy follows when DMS answers
        assertThat(statusOf("ORD-300")).isEqualTo("Shipped");
        assertThat(controls.order("ORD-300")
                        .orElseThrow()
                        .path("UsrPolicyNumber")
                        .asString(""))
                .isEmpty();

        Map<String, Object> policy = Map.of(
                "status", "found",
                "policy_number", "POL-2024-001",
                "insurer_name", "Northwind Insurance",
                "policy_status", "ACTIVE",
                "start_date", "2025-03-01",
                "end_date", "2026-03-01");
        answerAsDms(ask, "policy_info_response", policy);

        Message answer = answerOn(HubTopology.ONEC_QUEUE, request.requestId());
        assertThat(answer.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("crm.response.1c.order_status_updated");
        MessageEnvelope response = read(answer);
        assertThat(response.targetSystem()).isEqualTo("1C");
        assertThat(response.context()).isEqualTo(Map.of("journal_entry", 7));
        assertThat(response.payload())
                .containsEntry("order_id", "ORD-300")
                .containsEntry("new_status", "Shipped")
                .containsEntry("status", "success")
                .containsEntry("policy", policy);
        JsonNode order = controls.order("ORD-300").orElseThrow();
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Shipped");
        assertThat(order.path("UsrPolicyNumber").asString()).isEqualTo("POL-2024-001");
        assertThat(order.path("UsrInsurer").asString()).isEqualTo("Northwind Insurance");
        assertThat(order.path("UsrPolicyStatus").asString()).isEqualTo("ACTIVE");
        assertThat(order.path("UsrPolicyStartDate").asString()).isEqualTo("2025-03-01");
        assertThat(order.path("UsrPolicyEndDate").asString()).isEqualTo("2026-03-01");
    }

    @Test
    void aPolicyDmsDoesNotKnowIsRecordedAsNotFound() {
        MessageEnvelope request =
                updateOrderStatus(Map.of("order_id", "ORD-400", "new_status", "Cancelled", "needs_policy_info", true));

        this.publisher.publish(request.requestKey(), request);

        MessageEnvelope ask = read(answerOn(HubTopology.DMS_QUEUE, request.requestId()));
        assertThat(ask.payload()).isEqualTo(Map.of("policy_number", "POL-ORD-400"));
        Map<String, Object> notFound = new HashMap<>();
        notFound.put("status", "not_found");
        notFound.put("policy_number", "POL-ORD-400");
        notFound.put("insurer_name", null);
        notFound.put("policy_status", null);
        notFound.put("start_date", null);
        notFound.put("end_date", null);
        answerAsDms(ask, "policy_info_response", notFound);

        MessageEnvelope response = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));
        assertThat(response.context()).isNull();
        assertThat(response.payload())
                .containsEntry("status", "success")
                .containsEntry("order_id", "ORD-400")
                .containsEntry("new_status", "Cancelled")
                .containsEntry("policy", notFound);
        JsonNode order = controls.order("ORD-400").orElseThrow();
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Cancelled");
        assertThat(order.path("UsrPolicyNumber").asString()).isEqualTo("POL-ORD-400");
        assertThat(order.path("UsrPolicyStatus").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aFailedPolicyLookupIsAnsweredAsAnError() {
        MessageEnvelope request = updateOrderStatus(
                        Map.of("order_id", "ORD-500", "new_status", "Shipped", "needs_policy_info", true))
                .withContext(Map.of("journal_entry", 9));
        this.publisher.publish(request.requestKey(), request);
        MessageEnvelope ask = read(answerOn(HubTopology.DMS_QUEUE, request.requestId()));

        answerAsDms(
                ask,
                "error",
                Map.of(
                        "status", "error",
                        "reason", "Invalid PolicyInfoRequest: policy_number must not be blank",
                        "dead_letter_queue", "dms_dead_letter_queue",
                        "failed_message_type", "get_policy_info",
                        "failed_service", "dms-adapter"));

        Message answer = answerOn(HubTopology.ONEC_QUEUE, request.requestId());
        assertThat(answer.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("crm.response.1c.order_status_updated");
        MessageEnvelope response = read(answer);
        assertThat(response.context()).isEqualTo(Map.of("journal_entry", 9));
        assertThat(response.payload())
                .containsEntry("status", "error")
                .containsEntry("order_id", "ORD-500")
                .containsEntry(
                        "reason", "Policy lookup failed: Invalid PolicyInfoRequest: policy_number must not be blank");
        assertThat((String) response.payload().get("message"))
                .contains("has status Shipped", "policy was not recorded");
        assertThat(statusOf("ORD-500")).isEqualTo("Shipped");
        assertThat(controls.order("ORD-500")
                        .orElseThrow()
                        .path("UsrPolicyNumber")
                        .asString(""))
                .isEmpty();
    }

    @Test
    void creatioFailingTwiceIsRetriedAndAnsweredOnce() {
        controls.failNext(2, 503, "odata");
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-600", "new_status", "Shipped"));

        this.publisher.publish(request.requestKey(), request);

        assertThat(read(answerOn(HubTopology.ONEC_QUEUE, request.requestId())).payload())
                .containsEntry("status", "success");
        assertThat(statusOf("ORD-600")).isEqualTo("Shipped");
        assertThat(controls.stats().path("failuresInjected").asInt()).isEqualTo(2);
        assertNoFurtherAnswer(HubTopology.ONEC_QUEUE, request.requestId());
    }

    @Test
    void creatioDownBeyondTheRetriesDeadLettersTheRequestAndTheRequesterIsAnswered() {
        controls.failNext(10, 503, "odata");
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-700", "new_status", "Shipped"))
                .withContext(Map.of("journal_entry", 11));

        this.publisher.publish(request.requestKey(), request);

        Message dead = answerOn(HubTopology.CRM_DEAD_LETTER_QUEUE, request.requestId());
        Map<String, Object> headers = dead.getMessageProperties().getHeaders();
        assertThat(headers)
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 3)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.RETRIES_EXHAUSTED)
                .containsEntry(DeadLetterHeaders.ORIGINAL_QUEUE, HubTopology.CRM_QUEUE)
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "1c.request.crm.update_order_status")
                .containsEntry(DeadLetterHeaders.FAILED_SERVICE, "crm-adapter");
        assertThat((String) headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("HTTP 503")
                .contains("Failure injected");
        MessageEnvelope response = errorAnswer(request, Map.of("journal_entry", 11), "update_order_status");
        assertThat(response.payload()).containsEntry("failed_service", "crm-adapter");
        assertThat((String) response.payload().get("reason")).contains("HTTP 503");
        assertThat(controls.order("ORD-700")).isEmpty();
    }

    @Test
    void creatioDownWhenDmsAnswersDeadLettersTheAnswerAndTheRequesterIsAnswered() {
        MessageEnvelope request = updateOrderStatus(
                        Map.of("order_id", "ORD-800", "new_status", "Shipped", "needs_policy_info", true))
                .withContext(Map.of("journal_entry", 13));
        this.publisher.publish(request.requestKey(), request);
        MessageEnvelope ask = read(answerOn(HubTopology.DMS_QUEUE, request.requestId()));
        controls.failNext(10, 503, "odata");

        answerAsDms(
                ask,
                "policy_info_response",
                Map.of(
                        "status", "found",
                        "policy_number", "POL-ORD-800",
                        "insurer_name", "Contoso Assurance",
                        "policy_status", "ACTIVE",
                        "start_date", "2025-01-01",
                        "end_date", "2026-01-01"));

        Message dead = answerOn(HubTopology.CRM_DEAD_LETTER_QUEUE, request.requestId());
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 3)
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "dms.response.crm.policy_info_response");
        MessageEnvelope response = errorAnswer(request, Map.of("journal_entry", 13), "policy_info_response");
        assertThat((String) response.payload().get("reason")).contains("HTTP 503");
        assertNoFurtherAnswer(HubTopology.ONEC_QUEUE, request.requestId());
    }

    @Test
    void aRefusalOfCreatioIsDeadLetteredAtOnceAndTheRequesterIsAnsweredWithItsReason() {
        controls.failNext(1, 404, "odata");
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-404", "new_status", "Shipped"))
                .withContext(Map.of("journal_entry", 404));

        this.publisher.publish(request.requestKey(), request);

        Message dead = answerOn(HubTopology.CRM_DEAD_LETTER_QUEUE, request.requestId());
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT);
        MessageEnvelope answer = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));
        assertThat(answer.messageType()).isEqualTo("error");
        assertThat(answer.context()).isEqualTo(Map.of("journal_entry", 404));
        assertThat((String) answer.payload().get("reason"))
                .contains("HTTP 404")
                .contains("Failure injected")
                .contains("Number%20eq%20%27ORD-404%27");
        assertThat(controls.stats().path("failuresInjected").asInt())
                .as("not retried")
                .isEqualTo(1);
        assertNoFurtherAnswer(HubTopology.ONEC_QUEUE, request.requestId());
    }

    @Test
    void twoOrdersWithTheNumberAreAPermanentFailureNamingBoth() {
        controls.addOrder("ORD-DUP");
        controls.addOrder("ORD-DUP");
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-DUP", "new_status", "Shipped"));

        this.publisher.publish(request.requestKey(), request);

        Message dead = answerOn(HubTopology.CRM_DEAD_LETTER_QUEUE, request.requestId());
        assertThat((String) dead.getMessageProperties().getHeaders().get(DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("more than one order whose Number is 'ORD-DUP'");
        assertThat((String) read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()))
                        .payload()
                        .get("reason"))
                .contains("more than one order whose Number is 'ORD-DUP'");
        assertThat(controls.patches("ORD-DUP")).isZero();
    }

    @Test
    void anUnknownStatusIsAPermanentFailureListingCreatiosStatuses() {
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD9876", "new_status", "Lost"));

        this.publisher.publish(request.requestKey(), request);

        answerOn(HubTopology.CRM_DEAD_LETTER_QUEUE, request.requestId());
        assertThat((String) read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()))
                        .payload()
                        .get("reason"))
                .contains("no order status 'Lost'")
                .contains("'4. Completed'")
                .contains("'Shipped'");
        assertThat(controls.patches("ORD9876")).isZero();
    }

    @Test
    void anUpdateWithoutNewStatusIsDeadLetteredAtOnceAndTheRequesterIsAnswered() {
        MessageEnvelope request = updateOrderStatus(Map.of("order_id", "ORD-900"));

        this.publisher.publish(request.requestKey(), request);

        Message dead = deadLetteredAtOnce(request, "new_status must not be blank");
        Message answer = answerOn(HubTopology.ONEC_QUEUE, request.requestId());
        assertThat(answer.getMessageProperties().getReceivedRoutingKey()).isEqualTo("crm.response.1c.error");
        assertThat((String) read(answer).payload().get("reason")).contains("new_status");
        assertThat(controls.stats().path("odataCalls").asInt()).isZero();
    }

    @Test
    void anUnknownMessageTypeIsDeadLetteredAtOnceAndTheRequesterIsAnswered() {
        MessageEnvelope request =
                MessageEnvelope.request(newRequestId(), "1C", "CRM", "delete_order", Map.of("order_id", "ORD-1"));

        this.publisher.publish(request.requestKey(), request);

        Message dead = deadLetteredAtOnce(request, "Unknown message type 'delete_order'");
        MessageEnvelope response = read(answerOn(HubTopology.ONEC_QUEUE, request.requestId()));
        assertThat(response.messageType()).isEqualTo("error");
        assertThat(response.payload()).containsEntry("failed_message_type", "delete_order");
    }

    @Test
    void aPolicyAnswerWithoutContextIsDeadLetteredAtOnce() {
        MessageEnvelope stray = MessageEnvelope.request(
                newRequestId(),
                "dms",
                "crm",
                "policy_info_response",
                Map.of("status", "found", "policy_number", "POL-1"));

        this.publisher.publish(stray.responseKey(), stray);

        Message dead = deadLetteredAtOnce(stray, "has no context");
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "dms.response.crm.policy_info_response");
        assertThat(controls.stats().path("odataCalls").asInt()).isZero();
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheAdapterKeepsServing() {
        Message dead = PoisonMessage.sendAndReceiveDeadLetter(
                this.rabbitTemplate,
                HubTopology.EXCHANGE,
                "1c.request.crm.update_order_status",
                HubTopology.CRM_DEAD_LETTER_QUEUE,
                RECEIVE_TIMEOUT);
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT);

        MessageEnvelope valid = updateOrderStatus(Map.of("order_id", "ORD-1000", "new_status", "Shipped"));
        this.publisher.publish(valid.requestKey(), valid);
        assertThat(read(answerOn(HubTopology.ONEC_QUEUE, valid.requestId())).payload())
                .containsEntry("status", "success");
        assertThat(statusOf("ORD-1000")).isEqualTo("Shipped");
    }

    /** Has the broker deliver a request a second time: taken once while the adapter's listeners are stopped, returned. */
    private void redeliver(MessageEnvelope request) {
        this.listeners.stop();
        try {
            this.publisher.publish(request.requestKey(), request);
            this.rabbitTemplate.execute(channel -> {
                GetResponse taken =
                        await().until(() -> channel.basicGet(HubTopology.CRM_QUEUE, false), Objects::nonNull);
                channel.basicReject(taken.getEnvelope().getDeliveryTag(), true);
                return null;
            });
        } finally {
            this.listeners.start();
        }
    }

    /** The same request, as 1C sent it at another time. */
    private static MessageEnvelope sentAt(Instant sentAt, MessageEnvelope request) {
        return new MessageEnvelope(
                request.messageId(),
                request.requestId(),
                request.sourceSystem(),
                request.targetSystem(),
                request.messageType(),
                sentAt,
                request.payload(),
                request.context());
    }

    private static MessageEnvelope updateOrderStatus(Map<String, Object> payload) {
        return MessageEnvelope.request(
                newRequestId(), "1C", "CRM", "update_order_status", new LinkedHashMap<>(payload));
    }

    /** Plays DMS: answers CRM's request, echoing its context as DMS does. */
    private void answerAsDms(MessageEnvelope ask, String messageType, Map<String, Object> payload) {
        MessageEnvelope reply = ask.reply("dms", messageType, payload);
        this.publisher.publish(reply.responseKey(), reply);
    }

    private JsonNode readiness() {
        // with the operator's key: the components and their details
        String body = RestClient.create("http://localhost:" + this.port)
                .get()
                .uri("/actuator/health/readiness")
                .header(TestApiKeys.HEADER, TestApiKeys.OPERATOR_KEY)
                .exchange((request, response) -> new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
        return JSON.readTree(body);
    }

    private static String statusOf(String orderId) {
        return controls.order(orderId)
                .orElseThrow(() -> new AssertionError("no order " + orderId + " in Creatio"))
                .path("Status")
                .path("Name")
                .asString();
    }

    /**
     * The request's dead letter, dead-lettered at once: after one attempt, as a permanent failure, with the reason.
     */
    private Message deadLetteredAtOnce(MessageEnvelope request, String reason) {
        Message dead = answerOn(HubTopology.CRM_DEAD_LETTER_QUEUE, request.requestId());
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT);
        assertThat((String) dead.getMessageProperties().getHeaders().get(DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains(reason);
        return dead;
    }

    /**
     * 1C's error answer to a dead-lettered request: with the request's context, naming the dead-letter queue and the
     * message that failed.
     */
    private MessageEnvelope errorAnswer(
            MessageEnvelope request, Map<String, Object> context, String failedMessageType) {
        Message answer = answerOn(HubTopology.ONEC_QUEUE, request.requestId());
        assertThat(answer.getMessageProperties().getReceivedRoutingKey()).isEqualTo("crm.response.1c.error");
        MessageEnvelope response = read(answer);
        assertThat(response.context()).isEqualTo(context);
        assertThat(response.payload())
                .containsEntry("status", "error")
                .containsEntry("dead_letter_queue", HubTopology.CRM_DEAD_LETTER_QUEUE)
                .containsEntry("failed_message_type", failedMessageType);
        return response;
    }

    private Message answerOn(String queue, String requestId) {
        return receive(queue, QueueMessages.withCorrelationId(requestId));
    }

    /** The first message of a queue that matches; the messages before it are dropped. */
    private Message receive(String queue, Predicate<Message> wanted) {
        return QueueMessages.receive(this.rabbitTemplate, queue, wanted, RECEIVE_TIMEOUT);
    }

    /** No other message for the request arrives within a second. */
    private void assertNoFurtherAnswer(String queue, String requestId) {
        for (Message message = this.rabbitTemplate.receive(queue, 1_000);
                message != null;
                message = this.rabbitTemplate.receive(queue, 1_000)) {
            assertThat(message.getMessageProperties().getCorrelationId())
                    .as("another answer in " + queue)
                    .isNotEqualTo(requestId);
        }
    }

    private static MessageEnvelope read(Message message) {
        return QueueMessages.read(message, MessageEnvelope.class);
    }

    private static String newRequestId() {
        return "REQ-" + UUID.randomUUID();
    }
}
