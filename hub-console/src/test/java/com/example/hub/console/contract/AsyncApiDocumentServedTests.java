package com.example.hub.console.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The hub's AsyncAPI document from the console, over real HTTP and without a key: /asyncapi.yaml is the document of
 * docs/, every schema file its {@code $ref}s name answers where a client that fetched /asyncapi.yaml resolves it,
 * /asyncapi.json is the same document as JSON, and /asyncapi.html shows its channels in a real browser. The ledger
 * still needs a key.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:asyncapi-served-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
@BrokerTest
class AsyncApiDocumentServedTests {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    @LocalServerPort
    int port;

    @Test
    void theDocumentAndTheSchemasItNamesAnswerWithoutAKey() throws Exception {
        ResponseEntity<String> yaml = get("/asyncapi.yaml");

        assertThat(yaml.getStatusCode().value()).isEqualTo(200);
        assertThat(yaml.getBody()).isEqualTo(Files.readString(DOCUMENT));
        JsonNode document = YAMLMapper.builder().build().readTree(yaml.getBody());
        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");

        TreeSet<String> files = new TreeSet<>();
        externalRefs(document, files);
        assertThat(files).contains("../common-messaging/src/main/resources/hub/schemas/envelope.json");
        for (String ref : files) {
            ResponseEntity<String> schema = get(resolvedAgainstTheDocument(ref));
            assertThat(schema.getStatusCode().value()).as(ref).isEqualTo(200);
            assertThat(JsonMapper.builder().build().readTree(schema.getBody()))
                    .as(ref)
                    .isEqualTo(JsonMapper.builder()
                            .build()
                            .readTree(Path.of("..", "docs", ref).toFile()));
        }
        // a schema's own $ref, relative to the schema: payloads/create_user.json names ../defs.json
        assertThat(get("/common-messaging/src/main/resources/hub/schemas/defs.json")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void theJsonRenderingIsTheSameDocument() {
        ResponseEntity<String> json = get("/asyncapi.json");

        assertThat(json.getStatusCode().value()).isEqualTo(200);
        assertThat(json.getHeaders().getContentType()).hasToString("application/json");
        assertThat(JsonMapper.builder().build().readTree(json.getBody()))
                .isEqualTo(YAMLMapper.builder().build().readTree(DOCUMENT.toFile()));
    }

    @Test
    void thePageAnswersWithoutAKeyAndTheLedgerDoesNot() {
        for (String path : List.of("/asyncapi.html", "/asyncapi.js", "/asyncapi.css")) {
            assertThat(get(path).getStatusCode().value()).as(path).isEqualTo(200);
        }
        assertThat(get("/dead-letters").getStatusCode().value()).isEqualTo(401);
        assertThat(get("/common-messaging/src/main/resources/hub/schemas/nothing.json")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void thePageShowsTheChannelsOperationsAndMessagesInABrowser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(Path.of("/usr/bin/chromium").toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://localhost:" + this.port + "/asyncapi.html");
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(driver -> !driver.findElements(By.cssSelector("#messages tbody tr"))
                            .isEmpty());

            assertThat(browser.findElement(By.id("message")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("channels")).getText())
                    .contains(
                            "hubRequests", "{source}.request.{target}.{messageType}", "exchange main_exchange (topic)");
            assertThat(browser.findElement(By.id("operations")).getText())
                    .contains("onecSendRequests", "onec-adapter", "send", "create_user");
            assertThat(browser.findElement(By.id("messages")).getText())
                    .contains("create_user", "1c.request.dms.create_user", "USER_REQ_001");
        } finally {
            browser.quit();
            service.stop();
        }
    }

    private ResponseEntity<String> get(String path) {
        return RestClient.create("http://localhost:" + this.port)
                .get()
                .uri(path)
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    /**
     * Where a browser or an AsyncAPI tool finds a relative reference of the document it fetched at /asyncapi.yaml: by
     * RFC 3986 (5.2.4), a {@code ..} above the root stays at the root. (java.net.URI would keep it.)
     */
    private static String resolvedAgainstTheDocument(String ref) {
        List<String> segments = new ArrayList<>(List.of(ref.split("/")));
        while (!segments.isEmpty() && segments.getFirst().equals("..")) {
            segments.removeFirst();
        }
        return "/" + String.join("/", segments);
    }

    private static void externalRefs(JsonNode node, TreeSet<String> files) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString() && !ref.asString().startsWith("#")) {
                files.add(ref.asString());
            }
        }
        for (JsonNode child : node) {
            externalRefs(child, files);
        }
    }
}
