package com.example.hub.onec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.onec.TargetQueues;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.http.RawHttp;
import com.example.hub.testsupport.security.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the adapter's HTTP interface over real HTTP, with the real broker: {@value #REQUESTS} generated requests
 * (seeded: {@code -Dfuzz.seed}) of odd bodies, content types, headers, methods and request targets, some through
 * {@code java.net.http}, those no client would send through a plain socket; most with 1C's API key, some with a
 * wrong one or none (answered 401). None is answered with a server error
 * (but a deliberate 503 with {@code Retry-After}), no connection is dropped, and every error is a problem body; valid
 * requests sent meanwhile are answered 202 and wait in {@code dms_queue}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:onec-http-fuzz-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@BrokerTest
@Import(TargetQueues.class)
class HttpFuzzTests {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);

    private static final long SEED = Long.getLong("fuzz.seed", 14L);

    private static final int VALID_EVERY = 50;

    private static final int CLIENTS = 8;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    TargetQueues queues;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private final AtomicInteger serverErrors = new AtomicInteger();

    private final AtomicInteger dropped = new AtomicInteger();

    private final AtomicInteger resent = new AtomicInteger();

    @Test
    void generatedRequestsGetNoServerErrorAndProblemBodiesWhileValidRequestsComplete() throws Exception {
        this.queues.empty();
        List<String> validIds = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> sent = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int i = 0; i < REQUESTS; i++) {
                int index = i;
                sent.add(clients.submit(() -> fuzz(index)));
                if (i % VALID_EVERY == 0) {
                    sent.add(clients.submit(() -> validIds.add(valid(index))));
                }
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        Map<Integer, Long> counts = new TreeMap<>();
        this.statuses.forEach((status, count) -> counts.put(status, count.sum()));
        System.out.printf(
                "fuzz: %d requests (seed %d), %d 5xx, %d dropped connections (%d sent again on a new connection), %d valid"
                        + " requests, statuses %s%n",
                REQUESTS,
                SEED,
                this.serverErrors.get(),
                this.dropped.get(),
                this.resent.get(),
                validIds.size(),
                counts);

        assertThat(this.failures).as("requests answered wrongly").isEmpty();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(REQUESTS + (long) validIds.size());
        assertThat(validIds).hasSize((REQUESTS + VALID_EVERY - 1) / VALID_EVERY).doesNotContainNull();
        assertThat(requestIdsIn(HubTopology.DMS_QUEUE)).containsAll(validIds);
    }

    /** Sends a generated request and checks its answer; a failure is recorded, not thrown, so that all are sent. */
    private void fuzz(int index) {
        Generated generated = new Generated(new Random(SEED * 1_000_003 + index));
        StringBuilder description = new StringBuilder("request " + index + " ");
        try {
            Answer answer;
            int kind = generated.nextInt(100);
            if (kind < 50) {
                answer = post(generated, description);
            } else if (kind < 60) {
                answer = journal(generated, description);
            } else if (kind < 80) {
                answer = oddTarget(generated, description);
            } else {
                answer = oddHeaders(generated, description);
            }
            check(answer);
        } catch (IOException ex) {
            this.dropped.incrementAndGet();
            this.failures.add(description + ": connection dropped: " + ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.failures.add(description + ": interrupted");
        } catch (RuntimeException | AssertionError ex) {
            this.failures.add(description + ": " + ex.getMessage());
        }
    }

    /** A valid user for DMS, with its own request id: answered 202. */
    private String valid(int index) {
        String requestId = "FUZZ-VALID-" + index;
        Generated generated = new Generated(new Random(index));
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/send_to_dms"))
                    .header("Content-Type", "application/json")
                    .header(TestApiKeys.HEADER, TestApiKeys.ONEC_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(generated.validDms(requestId)))
                    .build());
            count(response.statusCode());
            if (response.statusCode() != 202) {
                this.failures.add("valid request " + requestId + ": " + response.statusCode() + " " + response.body());
                return null;
            }
            return requestId;
        } catch (IOException ex) {
            this.dropped.incrementAndGet();
            this.failures.add("valid request " + requestId + ": connection dropped: " + ex);
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Answer post(Generated generated, StringBuilder description) throws IOException, InterruptedException {
        String path = generated.chance(50) ? "/send_to_dms" : "/send_to_crm";
        byte[] body = generated.body();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = generated.contentType();
        request.header("Content-Type", contentType);
        String key = generated.apiKey();
        if (key != null) {
            request.header(TestApiKeys.HEADER, key);
        }
        if (generated.chance(30)) {
            request.header("Accept", generated.accept());
        }
        int headers = generated.chance(10) ? generated.nextInt(130) : generated.nextInt(4);
        for (int i = 0; i < headers; i++) {
            request.header(generated.headerName(), generated.headerValue());
        }
        String what =
                "POST " + path + " (" + contentType + ", " + headers + " extra headers, " + body.length + " bytes)";
        description.append(what);
        return Answer.of(what, send(request.build()));
    }

    private Answer journal(Generated generated, StringBuilder description) throws IOException, InterruptedException {
        String path = generated.chance(50) ? "/requests" : "/responses/unmatched";
        if (generated.chance(30)) {
            path = "/requests/" + generated.token(1 + generated.nextInt(200));
        }
        String target = path + generated.journalQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target))
                .timeout(Duration.ofSeconds(30))
                .GET();
        String key = generated.apiKey();
        if (key != null) {
            request.header(TestApiKeys.HEADER, key);
        }
        if (generated.chance(30)) {
            request.header("Accept", generated.accept());
        }
        description.append("GET ").append(target);
        return Answer.of("GET " + target, send(request.build()));
    }

    private Answer oddTarget(Generated generated, StringBuilder description) throws IOException {
        String method = generated.method();
        String target = generated.oddTarget();
        byte[] body = generated.chance(50) ? generated.body() : new byte[0];
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
                + generated.contentType() + "\r\nContent-Length: " + body.length + keyHeader(generated);
        return Answer.of(method + " " + abbreviated(target), RawHttp.send(this.port, latin1(head), body));
    }

    private Answer oddHeaders(Generated generated, StringBuilder description) throws IOException {
        String path = generated.chance(70) ? (generated.chance(50) ? "/send_to_dms" : "/send_to_crm") : "/requests";
        byte[] body = generated.body();
        StringBuilder head = new StringBuilder(
                "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close" + keyHeader(generated));
        int kind = generated.nextInt(6);
        switch (kind) {
            case 0 -> head.append("\r\nContent-Type: application/json\r\nContent-Type: text/plain");
            case 1 -> head.append("\r\nContent-Type: ").append(generated.contentType());
            case 2 ->
                head.append("\r\nContent-Type: application/json\r\nX-Bytes: ")
                        .append(new String(
                                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1));
            case 3 -> head.append("\r\nContent-Type: application/json\r\nExpect: 100-continue");
            case 4 -> head.append("\r\nContent-Type: application/json\r\nContent-Encoding: gzip");
            default ->
                head.append("\r\nContent-Type: application/json\r\nX-Long: ").append(generated.headerValue());
        }
        int headers = generated.chance(20) ? 80 + generated.nextInt(60) : generated.nextInt(5);
        for (int i = 0; i < headers; i++) {
            head.append("\r\n").append(generated.headerName()).append(": ").append(generated.headerValue());
        }
        byte[] sent = body;
        if (generated.chance(20)) {
            // chunked, sometimes with a broken chunk
            head.append("\r\nTransfer-Encoding: chunked");
            String size = generated.chance(70) ? Integer.toHexString(body.length) : "zz";
            byte[] prefix = (size + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] suffix = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            sent = new byte[prefix.length + body.length + suffix.length];
            System.arraycopy(prefix, 0, sent, 0, prefix.length);
            System.arraycopy(body, 0, sent, prefix.length, body.length);
            System.arraycopy(suffix, 0, sent, prefix.length + body.length, suffix.length);
        } else {
            head.append("\r\nContent-Length: ").append(body.length);
        }
        String what = "POST " + path + " (odd headers " + kind + ", " + headers + " extra, " + body.length + " bytes)";
        description.append(what);
        return Answer.of(what, RawHttp.send(this.port, head.toString(), sent));
    }

    /**
     * Sends a request through the pooled client. When a pooled connection fails before any answer, the server may have
     * closed it just as the client reused it (an idle keep-alive connection): the request is sent once more on a new
     * connection, and only when that fails too was the connection dropped.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return this.client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            this.resent.incrementAndGet();
            try (HttpClient fresh = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()) {
                return fresh.send(request, HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    private void check(Answer answer) {
        count(answer.status());
        if (answer.status() >= 500) {
            this.serverErrors.incrementAndGet();
        }
        boolean deliberate = answer.status() == 503 && answer.retryAfter() != null;
        assertThat(answer.status() < 500 || deliberate)
                .as("no server error: %s", answer)
                .isTrue();
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as("a problem body: %s", answer).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.get("status").asInt())
                    .as("its status: %s", answer)
                    .isEqualTo(answer.status());
        }
    }

    /** The API key header of a raw request: 1C's key mostly, sometimes a wrong one or none. */
    private static String keyHeader(Generated generated) {
        String key = generated.apiKey();
        return key != null ? "\r\n" + TestApiKeys.HEADER + ": " + key : "";
    }

    private void count(int status) {
        this.statuses.computeIfAbsent(status, key -> new LongAdder()).increment();
    }

    private Set<String> requestIdsIn(String queue) {
        Set<String> ids = new HashSet<>();
        Message message;
        while ((message = this.rabbitTemplate.receive(queue, 2_000)) != null) {
            ids.add(message.getMessageProperties().getCorrelationId());
        }
        return ids;
    }

    private URI uri(String target) {
        return URI.create("http://localhost:" + this.port + target);
    }

    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    /** An answer and the request it answers, described. */
    private record Answer(String request, int status, Map<String, String> headers, String body) {

        static Answer of(String request, HttpResponse<String> response) {
            Map<String, String> headers = new HashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            return new Answer(request, response.statusCode(), headers, response.body());
        }

        static Answer of(String request, RawHttp.Reply reply) {
            return new Answer(request, reply.status(), reply.headers(), reply.body());
        }

        String contentType() {
            return this.headers.getOrDefault("content-type", "");
        }

        String retryAfter() {
            return this.headers.get("retry-after");
        }

        @Override
        public String toString() {
            return this.request + " -> " + this.status + " " + contentType() + " "
                    + abbreviated(this.body.replace('\n', ' '));
        }
    }
}
