package com.example.hub.crm.creatio;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creatio's AuthService login and its OData 4 {@code Order} and {@code OrderStatus}, for the CRM adapter, as Creatio's
 * documentation describes them.
 *
 * <p>An order is found by the column that holds 1C's order id ({@code $filter=Number eq 'ORD9876'&$select=Id}) and
 * then addressed by its GUID ({@code Order(3fa85f64-...)}); the mapping is cached. A status is set through the lookup's
 * id column, {@code {"StatusId":"<guid>"}}, the GUID of the {@code OrderStatus} row of that name (the status map turns
 * 1C's names into Creatio's). The policy goes into the configured custom columns, the rest as a line of text into the
 * order's {@code Comment}. No order, more than one, or an unknown status are permanent failures.
 *
 * <p>Every OData call sends the login's cookies, {@code BPMCSRF} (the CSRF token, which writes need),
 * {@code ForceUseSession: true} and {@code Accept: application/json}; writes {@code Content-Type: application/json;
 * odata.metadata=minimal}. One session is shared by all callers and reused until Creatio answers 401; then the client
 * logs in again, once, and repeats the call, once. Only one login runs at a time. A 403 is a configuration error (the
 * CSRF token refused, or the integration user lacks a right). Every failure is a {@link CreatioTransientException}
 * (429, 5xx, timeouts: try again later) or a {@link CreatioPermanentException} (will not succeed), with Creatio's OData
 * error message in the reason.
 *
 * <p>Every call is observed as {@value #CALLS} (a timer, and a span once tracing is on), by {@code operation}
 * ({@code find_order}, {@code order_statuses}, {@code update_order}, {@code get_order}, {@code session_check},
 * {@code metadata}, {@code login}) and {@code outcome} ({@code success}, {@code transient}, {@code permanent},
 * {@code authentication}); a login also by {@code session} ({@code new} when there was none, {@code renewal} when
 * Creatio no longer accepted the one there was).
 */
public class CreatioClient {

    private static final Logger log = LoggerFactory.getLogger(CreatioClient.class);

    /** The observation, and timer, of the calls to Creatio. */
    static final String CALLS = "creatio.calls";

    /** The standard text column of Creatio's {@code Order} that receives the policy details without a column. */
    static final String COMMENT = "Comment";

    /** The lookup column of Creatio's {@code Order} that holds its status's GUID. */
    static final String STATUS_ID = "StatusId";

    /** How many order numbers the client remembers the GUID of. */
    static final int ORDER_IDS_CACHED = 10_000;

    static final MediaType ODATA_JSON = MediaType.parseMediaType("application/json; odata.metadata=minimal");

    private final RestClient restClient;
    private final CreatioProperties properties;
    private final ObservationRegistry observations;
    private final ReentrantLock loginLock = new ReentrantLock();
    private final Map<String, UUID> orderIds = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UUID> eldest) {
            return size() > ORDER_IDS_CACHED;
        }
    });
    private final OrderStatuses statuses;
    private volatile @Nullable CreatioSession session;

    /**
     * @param restClientBuilder the builder of the client's {@link RestClient}, with its request factory (timeouts, no
     *     cookie store, no redirects: see {@link CreatioConfiguration#restClientBuilder})
     * @param properties where Creatio is, how to log in, which columns to use
     * @param observations where its calls are observed
     */
    public CreatioClient(
            RestClient.Builder restClientBuilder, CreatioProperties properties, ObservationRegistry observations) {
        this.properties = properties;
        this.observations = observations;
        this.restClient = restClientBuilder.build();
        this.statuses = new OrderStatuses(this::loadStatuses);
    }

    /**
     * Sets the order's status: {@code PATCH Order(<guid>)} with {@code {"StatusId":"<guid of the status>"}}.
     *
     * @param orderNumber 1C's order id, the value of the order number column
     * @param status 1C's status name, mapped by the status map
     */
    public void updateOrderStatus(String orderNumber, String status) {
        withOrder(orderNumber, id -> {
            UUID statusId = statusId(orderNumber, status);
            patch(orderNumber, id, Map.of(STATUS_ID, statusId.toString()));
            return null;
        });
    }

    /**
     * Whether the order has the status already, for a redelivered message (its first delivery may have written it).
     *
     * @param orderNumber 1C's order id
     * @param status 1C's status name
     * @return {@code true} when Creatio's order has that status
     */
    public boolean orderHasStatus(String orderNumber, String status) {
        return withOrder(orderNumber, id -> {
            UUID statusId = statusId(orderNumber, status);
            JsonNode order = getOrder(id, List.of(STATUS_ID));
            return statusId.toString().equalsIgnoreCase(order.path(STATUS_ID).asString(""));
        });
    }

    /**
     * Records the policy on the order: {@code PATCH Order(<guid>)} with its configured custom columns, and the details
     * without a column as a line of text added to the order's {@code Comment} (unless it has that line already).
     *
     * @param orderNumber 1C's order id
     * @param policy the details
     */
    public void recordPolicy(String orderNumber, OrderPolicy policy) {
        withOrder(orderNumber, id -> {
            Map<String, Object> fields = new LinkedHashMap<>(policyColumns(policy));
            String text = commentLine(policy);
            if (text != null) {
                String comment = getOrder(id, List.of(COMMENT)).path(COMMENT).asString("");
                if (!comment.contains(text)) {
                    fields.put(COMMENT, comment.isBlank() ? text : comment + "\n" + text);
                }
            }
            if (!fields.isEmpty()) {
                patch(orderNumber, id, fields);
            }
            return null;
        });
    }

    /**
     * Whether the order has the policy already (its columns, and the line in {@code Comment}), for a redelivered
     * message.
     *
     * @param orderNumber 1C's order id
     * @param policy the details
     * @return {@code true} when nothing is left to write
     */
    public boolean orderHasPolicy(String orderNumber, OrderPolicy policy) {
        Map<String, Object> columns = policyColumns(policy);
        String text = commentLine(policy);
        List<String> select = new ArrayList<>(columns.keySet());
        if (text != null) {
            select.add(COMMENT);
        }
        JsonNode order = withOrder(orderNumber, id -> getOrder(id, select));
        boolean columnsWritten = columns.entrySet().stream()
                .allMatch(column -> order.path(column.getKey()).asString("").equals(column.getValue()));
        return columnsWritten
                && (text == null || order.path(COMMENT).asString("").contains(text));
    }

    /**
     * The GUID of the order whose number column holds 1C's order id, remembered once found: {@code GET
     * Order?$filter=Number eq '<id>'&$select=Id&$top=2}.
     *
     * @param orderNumber 1C's order id
     * @return the order's {@code Id}
     * @throws CreatioPermanentException when no order or more than one has that number
     */
    public UUID orderId(String orderNumber) {
        if (orderNumber == null || orderNumber.isBlank()) {
            throw new CreatioPermanentException("The order id is empty", null);
        }
        UUID known = orderIds.get(orderNumber);
        if (known != null) {
            return known;
        }
        String column = properties.orderNumberColumn();
        URI uri = odataUri(
                "Order", Map.of("$filter", ODataLiterals.eq(column, orderNumber), "$select", "Id", "$top", "2"));
        CreatioResponse response = observe("find_order", null, () -> odata(HttpMethod.GET, uri, null));
        List<JsonNode> rows = rows(HttpMethod.GET, uri, response);
        if (rows.isEmpty()) {
            throw new CreatioPermanentException(
                    "Creatio has no order whose " + column + " is '" + orderNumber + "' ("
                            + describe(HttpMethod.GET, uri) + " found none)",
                    response.status());
        }
        if (rows.size() > 1) {
            throw new CreatioPermanentException(
                    "Creatio has more than one order whose " + column + " is '" + orderNumber + "' ("
                            + rows.stream()
                                    .map(row -> row.path("Id").asString())
                                    .collect(Collectors.joining(", "))
                            + "): the hub cannot tell which to update",
                    response.status());
        }
        UUID id = guid(rows.getFirst().path("Id"), HttpMethod.GET, uri);
        orderIds.put(orderNumber, id);
        return id;
    }

    /**
     * Whether Creatio answers and accepts the adapter's session, for the readiness check: reads one order id through
     * OData with the session every call shares, logging in first when there is none, and again (once) when Creatio no
     * longer accepts it, as every call does. It never opens a session of its own: checks repeated while the session
     * lives log in no more.
     */
    public void checkSession() {
        URI uri = odataUri("Order", Map.of("$select", "Id", "$top", "1"));
        observe("session_check", null, () -> odata(HttpMethod.GET, uri, null));
        log.debug("Creatio session check: {} accepts the session of {}", properties.baseUrl(), properties.username());
    }

    /**
     * The columns and entity sets the adapter is configured to use that Creatio's {@code $metadata} does not have
     * ({@code Order.UsrInsurer}, {@code OrderStatus}, ...), for the readiness check.
     *
     * @return the missing ones, empty when Creatio has them all
     */
    public List<String> missingColumns() {
        URI uri = odataUri("$metadata", Map.of());
        CreatioResponse response = observe("metadata", null, () -> odata(HttpMethod.GET, uri, null));
        CreatioMetadata metadata;
        try {
            metadata = CreatioMetadata.read(response.body());
        } catch (IllegalArgumentException e) {
            throw new CreatioPermanentException(
                    describe(HttpMethod.GET, uri) + " answered without readable CSDL: " + e.getMessage(),
                    response.status());
        }
        List<String> missing = new ArrayList<>();
        if (!metadata.hasEntityType("OrderStatus")) {
            missing.add("OrderStatus");
        }
        List<String> columns = new ArrayList<>(List.of("Id", properties.orderNumberColumn(), STATUS_ID));
        columns.addAll(properties.policyColumns().byDetail().values());
        if (properties.policyColumns().byDetail().size() < 5) {
            columns.add(COMMENT);
        }
        if (!metadata.hasEntityType("Order")) {
            missing.add("Order");
        } else {
            columns.stream()
                    .distinct()
                    .filter(column -> !metadata.hasProperty("Order", column))
                    .forEach(column -> missing.add("Order." + column));
        }
        return missing;
    }

    /**
     * Calls Creatio about the order with its remembered GUID; when Creatio answers 404 for it (the order was deleted,
     * or recreated under a new GUID), forgets it, finds the order by its number again and calls once more.
     */
    private <T> T withOrder(String orderNumber, Function<UUID, T> call) {
        UUID id = orderId(orderNumber);
        try {
            return call.apply(id);
        } catch (CreatioPermanentException e) {
            if (e.httpStatus().orElse(0) != 404 || !orderIds.remove(orderNumber, id)) {
                throw e;
            }
            log.info("Creatio no longer has order {} as {}: finding it by number again", orderNumber, id);
            return call.apply(orderId(orderNumber));
        }
    }

    private UUID statusId(String orderNumber, String status) {
        if (status == null || status.isBlank()) {
            throw new CreatioPermanentException("The status for order " + orderNumber + " is empty", null);
        }
        String creatioStatus = properties.creatioStatus(status);
        return statuses.id(creatioStatus)
                .orElseThrow(() -> new CreatioPermanentException(
                        "Creatio has no order status '" + creatioStatus + "'"
                                + (creatioStatus.equals(status.strip()) ? "" : " (1C's '" + status + "')")
                                + "; its order statuses are "
                                + statuses.names().stream()
                                        .map(name -> "'" + name + "'")
                                        .collect(Collectors.joining(", "))
                                + " (map 1C's names to them with creatio.status-map)",
                        null));
    }

    /** All of Creatio's order statuses, by name: {@code GET OrderStatus?$select=Id,Name}. */
    private Map<String, UUID> loadStatuses() {
        URI uri = odataUri("OrderStatus", Map.of("$select", "Id,Name"));
        CreatioResponse response = observe("order_statuses", null, () -> odata(HttpMethod.GET, uri, null));
        Map<String, UUID> byName = new LinkedHashMap<>();
        for (JsonNode row : rows(HttpMethod.GET, uri, response)) {
            byName.put(row.path("Name").asString(""), guid(row.path("Id"), HttpMethod.GET, uri));
        }
        log.info("Creatio's order statuses: {}", byName.keySet());
        return byName;
    }

    /** The order's given columns: {@code GET Order(<guid>)?$select=...}. */
    private JsonNode getOrder(UUID id, List<String> columns) {
        URI uri = odataUri("Order(" + id + ")", Map.of("$select", String.join(",", columns)));
        CreatioResponse response = observe("get_order", null, () -> odata(HttpMethod.GET, uri, null));
        return response.json()
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new CreatioPermanentException(
                        describe(HttpMethod.GET, uri) + " answered HTTP " + response.status() + " without a JSON order",
                        response.status()));
    }

    private void patch(String orderNumber, UUID id, Map<String, ?> fields) {
        byte[] body;
        try {
            body = JsonMapper.shared().writeValueAsBytes(fields);
        } catch (JacksonException e) {
            throw new CreatioPermanentException(
                    "The fields for order " + orderNumber + " cannot be written as JSON: " + e.getOriginalMessage(),
                    null);
        }
        URI uri = odataUri("Order(" + id + ")", Map.of());
        CreatioResponse response = observe("update_order", null, () -> odata(HttpMethod.PATCH, uri, body));
        log.debug("Creatio order {} ({}) updated: {}", orderNumber, id, fields.keySet());
        if (response.status() != 204 && response.status() != 200) {
            log.warn("Creatio answered PATCH of order {} with HTTP {} instead of 204", orderNumber, response.status());
        }
    }

    /**
     * The policy's details that have a column, by column: an unknown detail as empty text (Creatio's text columns hold
     * no null), which clears an earlier lookup's.
     */
    private Map<String, Object> policyColumns(OrderPolicy policy) {
        Map<String, String> columns = properties.policyColumns().byDetail();
        Map<String, Object> fields = new LinkedHashMap<>();
        policy.byDetail().forEach((detail, value) -> {
            if (columns.containsKey(detail)) {
                fields.put(columns.get(detail), value == null ? "" : value);
            }
        });
        return fields;
    }

    /** The line of {@code Comment} with the policy's details that have no column, or {@code null} when all have one. */
    private @Nullable String commentLine(OrderPolicy policy) {
        Map<String, String> columns = properties.policyColumns().byDetail();
        String details = policy.byDetail().entrySet().stream()
                .filter(detail -> !columns.containsKey(detail.getKey()) && detail.getValue() != null)
                .map(detail -> detail.getKey().replace('_', ' ') + " " + detail.getValue())
                .collect(Collectors.joining(", "));
        if (columns.size() == 5 || details.isEmpty()) {
            return null;
        }
        return "Policy (from DMS): " + details;
    }

    private CreatioResponse odata(HttpMethod method, URI uri, byte @Nullable [] body) {
        CreatioSession current = session(null);
        CreatioResponse response = send(method, uri, body, current);
        if (response.status() == 401) {
            log.info("Creatio answered {} {} with HTTP 401: logging in again and retrying once", method, uri.getPath());
            current = session(current);
            response = send(method, uri, body, current);
            if (response.status() == 401) {
                throw new CreatioAuthenticationException(
                        failure(method, uri, response, " even after a fresh login"), 401);
            }
        }
        if (response.status() == 403) {
            throw new CreatioPermanentException(
                    failure(method, uri, response, "")
                            + " (a configuration error: Creatio refused the session's BPMCSRF token, or the user "
                            + properties.username() + " may not " + (method == HttpMethod.GET ? "read" : "edit")
                            + " Order through OData; see README, Switching to a real Creatio)",
                    403);
        }
        return check(method, uri, response);
    }

    /**
     * The session to use: the current one, or a new login when there is none or the current one is {@code stale}.
     * When several callers find the same session stale, only the first logs in; the others use its session.
     */
    private CreatioSession session(@Nullable CreatioSession stale) {
        CreatioSession current = session;
        if (current != null && current != stale) {
            return current;
        }
        loginLock.lock();
        try {
            current = session;
            if (current == null || current == stale) {
                current = observe("login", current == null ? "new" : "renewal", this::login);
                session = current;
                log.info("Logged in to Creatio at {} as {}", properties.baseUrl(), properties.username());
            }
            return current;
        } finally {
            loginLock.unlock();
        }
    }

    private CreatioSession login() {
        URI uri = uri(properties.loginPath());
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("UserName", properties.username());
        credentials.put("UserPassword", properties.password());
        CreatioResponse response;
        try {
            response = exchange(
                    restClient
                            .post()
                            .uri(uri)
                            .header("ForceUseSession", "true")
                            .contentType(MediaType.APPLICATION_JSON)
                            .accept(MediaType.APPLICATION_JSON)
                            .body(JsonMapper.shared().writeValueAsBytes(credentials)),
                    HttpMethod.POST,
                    uri);
        } catch (JacksonException e) {
            throw new CreatioPermanentException("The Creatio credentials cannot be written as JSON", null);
        }
        if (response.status() == 401 || response.status() == 403) {
            throw new CreatioAuthenticationException(
                    failure(HttpMethod.POST, uri, response, " (login as " + properties.username() + ")"),
                    response.status());
        }
        check(HttpMethod.POST, uri, response);
        JsonNode body = response.json()
                .orElseThrow(() -> new CreatioPermanentException(
                        describe(HttpMethod.POST, uri) + " answered HTTP " + response.status()
                                + " without a JSON body: is CREATIO_LOGIN_PATH right?",
                        response.status()));
        int code = body.path("Code").asInt(-1);
        if (code != 0) {
            // Creatio answers bad credentials with HTTP 200 and a non-zero Code: no HTTP status to report
            String message = body.path("Message").asString("");
            throw new CreatioAuthenticationException(
                    "Creatio refused the login as " + properties.username() + " (Code " + code + ")"
                            + (message.isBlank() ? "" : ": " + message),
                    null);
        }
        Map<String, String> cookies = response.setCookies();
        if (!cookies.containsKey(CreatioSession.AUTH_COOKIE) || !cookies.containsKey(CreatioSession.CSRF_COOKIE)) {
            throw new CreatioPermanentException(
                    describe(HttpMethod.POST, uri) + " accepted the login but set no " + CreatioSession.AUTH_COOKIE
                            + " and " + CreatioSession.CSRF_COOKIE + " cookies (got " + cookies.keySet() + ")",
                    response.status());
        }
        return new CreatioSession(cookies);
    }

    /** Observes a call: its time, and its outcome by the exception it ends with. */
    private <T> T observe(String operation, @Nullable String session, Supplier<T> call) {
        Observation observation = Observation.createNotStarted(CALLS, this.observations)
                .contextualName("creatio " + operation)
                .lowCardinalityKeyValue("operation", operation);
        if (session != null) {
            observation.lowCardinalityKeyValue("session", session);
        }
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            T result = call.get();
            observation.lowCardinalityKeyValue("outcome", "success");
            return result;
        } catch (RuntimeException ex) {
            observation.lowCardinalityKeyValue("outcome", outcome(ex));
            observation.error(ex);
            throw ex;
        } finally {
            observation.stop();
        }
    }

    private static String outcome(RuntimeException failure) {
        if (failure instanceof CreatioAuthenticationException) {
            return "authentication";
        }
        if (failure instanceof CreatioTransientException) {
            return "transient";
        }
        return "permanent";
    }

    private CreatioResponse send(HttpMethod method, URI uri, byte @Nullable [] body, CreatioSession session) {
        RestClient.RequestBodySpec request = restClient
                .method(method)
                .uri(uri)
                .accept(uri.getPath().endsWith("/$metadata") ? MediaType.APPLICATION_XML : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.COOKIE, session.cookieHeader())
                .header("BPMCSRF", session.csrfToken())
                .header("ForceUseSession", "true");
        if (body != null) {
            request.contentType(ODATA_JSON).body(body);
        }
        return exchange(request, method, uri);
    }

    private CreatioResponse exchange(RestClient.RequestHeadersSpec<?> request, HttpMethod method, URI uri) {
        try {
            return request.exchangeForRequiredValue((req, res) -> new CreatioResponse(
                    res.getStatusCode().value(),
                    HttpHeaders.copyOf(res.getHeaders()),
                    res.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            throw new CreatioTransientException(describe(method, uri) + " failed: " + ioProblem(e), null, e);
        } catch (RestClientException e) {
            throw new CreatioTransientException(describe(method, uri) + " failed: " + e.getMessage(), null, e);
        }
    }

    /** Returns a successful response, or throws the exception its status calls for. */
    private CreatioResponse check(HttpMethod method, URI uri, CreatioResponse response) {
        int status = response.status();
        if (response.isSuccess()) {
            return response;
        }
        if (status >= 500 || status == 429 || status == 408) {
            throw new CreatioTransientException(failure(method, uri, response, ""), status, null);
        }
        if (status >= 300 && status < 400) {
            throw new CreatioPermanentException(
                    failure(method, uri, response, "") + " (redirect to "
                            + response.headers().getFirst(HttpHeaders.LOCATION) + ": is CREATIO_BASE_URL right?)",
                    status);
        }
        throw new CreatioPermanentException(failure(method, uri, response, ""), status);
    }

    /** The rows of an OData collection ({@code {"value":[...]}}). */
    private static List<JsonNode> rows(HttpMethod method, URI uri, CreatioResponse response) {
        JsonNode value = response.json().map(json -> json.path("value")).orElse(null);
        if (value == null || !value.isArray()) {
            throw new CreatioPermanentException(
                    describe(method, uri) + " answered HTTP " + response.status() + " without an OData collection",
                    response.status());
        }
        List<JsonNode> rows = new ArrayList<>();
        value.forEach(rows::add);
        return rows;
    }

    private static UUID guid(JsonNode id, HttpMethod method, URI uri) {
        try {
            return UUID.fromString(Objects.requireNonNull(id.asString(null)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CreatioPermanentException(
                    describe(method, uri) + " answered a row whose Id is no GUID: " + id, null);
        }
    }

    /** {@code {odataPath}/{resource}} with the query's parameters, each encoded strictly (quotes, spaces, '+'...). */
    private URI odataUri(String resource, Map<String, String> query) {
        UriComponentsBuilder builder =
                UriComponentsBuilder.fromUri(properties.baseUrl()).path(properties.odataPath() + "/" + resource);
        Map<String, String> values = new LinkedHashMap<>();
        query.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(parameter -> {
            String name = "p" + values.size();
            builder.queryParam(parameter.getKey(), "{" + name + "}");
            values.put(name, parameter.getValue());
        });
        return builder.encode().buildAndExpand(values).toUri();
    }

    private URI uri(String path) {
        return UriComponentsBuilder.fromUri(properties.baseUrl())
                .path(path)
                .build()
                .encode()
                .toUri();
    }

    private static String failure(HttpMethod method, URI uri, CreatioResponse response, String context) {
        return describe(method, uri) + " answered HTTP " + response.status() + context
                + response.errorMessage().map(message -> ": " + message).orElse("");
    }

    private static String describe(HttpMethod method, URI uri) {
        return "Creatio " + method + " " + uri;
    }

    private String ioProblem(ResourceAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "no connection within the connect timeout of "
                        + properties.connectTimeout().toMillis() + " ms";
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return "no answer within the read timeout of "
                        + properties.readTimeout().toMillis() + " ms";
            }
            if (cause instanceof ConnectException) {
                return "connection refused or unreachable (" + cause + ")";
            }
            if (cause.getCause() == null && cause instanceof IOException) {
                return cause.toString();
            }
        }
        return e.getMessage();
    }
}
