package com.example.hub.crm.creatio;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpCookieHandling;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creatio's AuthService login and OData 4 {@code Order}, for the CRM adapter.
 *
 * <p>One session (the login's cookies) is shared by all callers and reused until Creatio answers 401 or 403; then the
 * client logs in again, once, and repeats the call, once. Only one login runs at a time. Every failure is a
 * {@link CreatioTransientException} (try again later) or a {@link CreatioPermanentException} (will not succeed).
 *
 * <p>Every call is observed as {@value #CALLS} (a timer, and a span once tracing is on), by {@code operation}
 * ({@code update_order}, {@code get_order}, {@code session_check}, {@code login}) and {@code outcome} ({@code success},
 * {@code transient}, {@code permanent}, {@code authentication}); a login also by {@code session} ({@code new} when
 * there was none, {@code renewal} when Creatio no longer accepted the one there was).
 */
public class CreatioClient {

    private static final Logger log = LoggerFactory.getLogger(CreatioClient.class);
    private static final Pattern ORDER_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final TypeReference<LinkedHashMap<String, Object>> ENTITY = new TypeReference<>() {};

    /** The observation, and timer, of the calls to Creatio. */
    static final String CALLS = "creatio.calls";

    private final RestClient restClient;
    private final CreatioProperties properties;
    private final ObservationRegistry observations;
    private final ReentrantLock loginLock = new ReentrantLock();
    private volatile CreatioSession session;

    /**
     * @param restClientBuilder Boot's builder (or {@code RestClient.builder()}); the client takes a copy and sets its
     *     own request factory with the configured timeouts, no cookie store and no redirects
     * @param properties where Creatio is and how to log in
     * @param observations where its calls are observed
     */
    public CreatioClient(
            RestClient.Builder restClientBuilder, CreatioProperties properties, ObservationRegistry observations) {
        this.properties = properties;
        this.observations = observations;
        this.restClient = restClientBuilder
                .clone()
                .requestFactory(ClientHttpRequestFactoryBuilder.detect()
                        .build(HttpClientSettings.defaults()
                                .withTimeouts(properties.connectTimeout(), properties.readTimeout())
                                .withCookieHandling(HttpCookieHandling.DISABLE)
                                .withRedirects(HttpRedirects.DONT_FOLLOW)))
                .build();
    }

    /** Sets the order's status: {@code PATCH Order(id)} with {@code {"Status":{"Name":status}}}. */
    public void updateOrderStatus(String orderId, String status) {
        if (status == null || status.isBlank()) {
            throw new CreatioPermanentException("The status for order " + orderId + " is empty", null);
        }
        updateOrderFields(orderId, Map.of("Status", Map.of("Name", status)));
    }

    /** Sets the given fields of the order, e.g. the policy fields: {@code PATCH Order(id)} with the fields. */
    public void updateOrderFields(String orderId, Map<String, ?> fields) {
        byte[] body;
        try {
            body = JsonMapper.shared().writeValueAsBytes(fields);
        } catch (JacksonException e) {
            throw new CreatioPermanentException(
                    "The fields for order " + orderId + " cannot be written as JSON: " + e.getOriginalMessage(), null);
        }
        CreatioResponse response =
                observe("update_order", null, () -> odata(HttpMethod.PATCH, orderUri(orderId), body));
        log.debug("Creatio order {} updated: {}", orderId, fields.keySet());
        if (response.status() != 204 && response.status() != 200) {
            log.warn("Creatio answered PATCH of order {} with HTTP {} instead of 204", orderId, response.status());
        }
    }

    /** The order as Creatio's OData shows it: what a redelivered message checks before it writes again. */
    public Map<String, Object> getOrder(String orderId) {
        URI uri = orderUri(orderId);
        CreatioResponse response = observe("get_order", null, () -> odata(HttpMethod.GET, uri, null));
        try {
            return JsonMapper.shared().readValue(response.body(), ENTITY);
        } catch (JacksonException e) {
            throw new CreatioPermanentException(
                    describe(HttpMethod.GET, uri) + " answered HTTP " + response.status() + " without a JSON order",
                    response.status());
        }
    }

    /**
     * Whether Creatio answers and accepts the adapter's session, for the readiness check: reads one order id through
     * OData with the session every call shares, logging in first when there is none, and again (once) when Creatio no
     * longer accepts it, as every call does. It never opens a session of its own: checks repeated while the session
     * lives log in no more.
     */
    public void checkSession() {
        observe("session_check", null, () -> odata(HttpMethod.GET, sessionCheckUri(), null));
        log.debug("Creatio session check: {} accepts the session of {}", properties.baseUrl(), properties.username());
    }

    private CreatioResponse odata(HttpMethod method, URI uri, byte[] body) {
        CreatioSession current = session(null);
        CreatioResponse response = send(method, uri, body, current);
        if (response.status() == 401 || response.status() == 403) {
            log.info(
                    "Creatio answered {} {} with HTTP {}: logging in again and retrying once",
                    method,
                    uri.getPath(),
                    response.status());
            current = session(current);
            response = send(method, uri, body, current);
            if (response.status() == 401) {
                throw new CreatioAuthenticationException(
                        failure(method, uri, response, " even after a fresh login"), 401);
            }
            if (response.status() == 403) {
                throw new CreatioPermanentException(failure(method, uri, response, " even after a fresh login"), 403);
            }
        }
        return check(method, uri, response);
    }

    /**
     * The session to use: the current one, or a new login when there is none or the current one is {@code stale}.
     * When several callers find the same session stale, only the first logs in; the others use its session.
     */
    private CreatioSession session(CreatioSession stale) {
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
    private <T> T observe(String operation, String session, Supplier<T> call) {
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

    private CreatioResponse send(HttpMethod method, URI uri, byte[] body, CreatioSession session) {
        RestClient.RequestBodySpec request = restClient
                .method(method)
                .uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.COOKIE, session.cookieHeader())
                .header("BPMCSRF", session.csrfToken());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
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

    private URI orderUri(String orderId) {
        if (orderId == null || !ORDER_KEY.matcher(orderId).matches()) {
            throw new CreatioPermanentException(
                    "The order id '" + orderId + "' is not a Creatio key (letters, digits, '-' and '_')", null);
        }
        return uri(properties.odataPath() + "/Order(" + orderId + ")");
    }

    private URI sessionCheckUri() {
        return UriComponentsBuilder.fromUri(properties.baseUrl())
                .path(properties.odataPath() + "/Order")
                .queryParam("$select", "Id")
                .queryParam("$top", 1)
                .build()
                .encode()
                .toUri();
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
