package com.example.hub.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.failure.DeadLetterRecoverer;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.QueueMessages;
import com.example.hub.testsupport.security.TestApiKeys;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The operator's page (static/index.html) in a real browser: Debian's headless Chromium, driven through its
 * chromedriver, against the console on the real broker and over real HTTP. The page opens without a key, refuses a
 * wrong key with the 401 problem, shows a dead letter in its group and in the list with its body, and replays the
 * group through its button: the state changes on the page and the message is back on its work queue. Screenshots of
 * each step land in target/screenshots.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:operator-page-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DB_CLOSE_DELAY=-1",
            "hub.messaging.service-name=dms-adapter",
            "hub.messaging.retry.give-up-after=0s"
        })
@BrokerTest
class OperatorPageBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);

    private static @Nullable ChromeDriverService service;

    private static @Nullable ChromeDriver browser;

    @Autowired
    DeadLetterRecoverer recoverer;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @LocalServerPort
    int port;

    private ConsoleApi reader;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as(
                        "The browser test of the operator page needs Debian's Chromium and its driver at %s and %s: "
                                + "apt-get install -y chromium chromium-driver",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        Files.createDirectories(SCREENSHOTS);
        // the driver at hand, so that Selenium Manager looks for and downloads nothing
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void client() {
        this.reader = new ConsoleApi(this.port, TestApiKeys.READER_KEY);
    }

    @Test
    void theOperatorOpensThePageWithTheKeyAndReplaysADeadLetterThroughItsGroup() {
        String cause = "Browser test " + UUID.randomUUID().toString().replaceAll("[0-9-]", "");
        String messageId = "msg-" + UUID.randomUUID();
        String requestId = "REQ-" + messageId;
        this.recoverer.recover(
                received(messageId, requestId), new IllegalStateException(cause + ": Creatio answered 503"));
        JsonNode stored = this.reader.awaitDeadLetter(messageId, PAGE_TIMEOUT);
        long id = stored.path("id").asLong();
        String group = stored.path("group").asString();
        WebDriver page = browser();

        // the page and its assets without a key; the API not
        ConsoleApi anonymous = new ConsoleApi(this.port, null);
        assertThat(anonymous.get("/").status()).isEqualTo(200);
        assertThat(anonymous.get("/console.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/dead-letters").status()).isEqualTo(401);
        page.get("http://localhost:" + this.port + "/");
        await().atMost(PAGE_TIMEOUT).until(() -> visible(By.id("key-form")));
        assertThat(visible(By.id("console"))).isFalse();
        screenshot("01-key-prompt");

        // a wrong key: the 401 problem is shown, the page stays closed
        enterKey("not-a-key-of-this-console");
        await().atMost(PAGE_TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(text(By.id("message"))).startsWith("401 "));
        assertThat(visible(By.id("console"))).isFalse();
        assertThat(visible(By.id("key-form"))).isTrue();
        screenshot("02-wrong-key-401");

        // the operator's key: kept in the tab's sessionStorage only
        enterKey(TestApiKeys.OPERATOR_KEY);
        await().atMost(PAGE_TIMEOUT).until(() -> visible(By.id("console")));
        JavascriptExecutor script = (JavascriptExecutor) page;
        assertThat(script.executeScript("return sessionStorage.getItem('hub-console-api-key')"))
                .isEqualTo(TestApiKeys.OPERATOR_KEY);
        assertThat(script.executeScript("return localStorage.length")).isEqualTo(0L);
        By groupRow = By.cssSelector("#groups tr[data-group='" + group + "']");
        await().atMost(PAGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            WebElement row = page.findElement(groupRow);
            assertThat(row.findElement(By.className("reason")).getText()).startsWith(cause);
            assertThat(row.findElement(By.className("pending")).getText()).isEqualTo("1");
            assertThat(Long.parseLong(text(By.id("count-pending")))).isPositive();
        });
        screenshot("03-groups-and-counters");

        // the dead letter in the list, found by its text, and its detail with headers and body
        page.findElement(By.id("filter-text")).sendKeys(cause);
        page.findElement(By.cssSelector("#filter button[type=submit]")).click();
        By letterRow = By.cssSelector("#letters tr[data-id='" + id + "']");
        await().atMost(PAGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(page.findElements(By.cssSelector("#letters tbody tr"))).hasSize(1);
            assertThat(page.findElement(letterRow)
                            .findElement(By.className("state"))
                            .getText())
                    .isEqualTo("pending");
        });
        await().atMost(PAGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            page.findElement(letterRow).click();
            assertThat(text(By.id("detail-body"))).contains(requestId);
        });
        assertThat(text(By.id("detail-headers")))
                .contains(DeadLetterHeaders.FAILURE_KIND)
                .contains("traceparent");
        assertThat(text(By.id("detail-request-id"))).isEqualTo(requestId);
        screenshot("04-dead-letter-detail");

        // the group's replay through its button
        await().atMost(PAGE_TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> page.findElement(groupRow)
                        .findElement(By.xpath(".//button[text()='Replay']"))
                        .click());
        await().atMost(PAGE_TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(text(By.id("message"))).startsWith("Replayed 1 of group " + group));
        await().atMost(PAGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(page.findElement(letterRow)
                            .findElement(By.className("state"))
                            .getText())
                    .isEqualTo("replayed");
            assertThat(page.findElement(groupRow)
                            .findElement(By.className("replayed"))
                            .getText())
                    .isEqualTo("1");
            assertThat(text(By.id("detail-state"))).isEqualTo("replayed");
        });
        screenshot("05-replayed");

        assertThat(this.reader.get("/dead-letters/" + id).body().path("state").asString())
                .isEqualTo("replayed");
        JsonNode audit =
                this.reader.get("/dead-letters/audit?dead_letter_id=" + id).body();
        assertThat(audit.get(0).path("action").asString()).isEqualTo("replay");
        assertThat(audit.get(0).path("client").asString()).isEqualTo("operator");
        Message again = QueueMessages.receive(
                this.rabbitTemplate,
                HubTopology.DMS_QUEUE,
                message -> messageId.equals(message.getMessageProperties().getMessageId()),
                Duration.ofSeconds(10));
        assertThat(new String(again.getBody(), StandardCharsets.UTF_8)).contains(requestId);
    }

    private void enterKey(String key) {
        WebElement field = browser().findElement(By.id("key"));
        field.clear();
        field.sendKeys(key);
        browser().findElement(By.id("key-submit")).click();
    }

    private boolean visible(By element) {
        List<WebElement> found = browser().findElements(element);
        return !found.isEmpty() && found.getFirst().isDisplayed();
    }

    private String text(By element) {
        return browser().findElement(element).getText();
    }

    private static void screenshot(String name) {
        File shot = browser().getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(
                    shot.toPath(),
                    SCREENSHOTS.resolve("operator-page-" + name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static ChromeDriver browser() {
        ChromeDriver started = browser;
        assertThat(started).as("the browser").isNotNull();
        return started;
    }

    /** A DMS request as its listener received it before it failed. */
    private static Message received(String messageId, String requestId) {
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(HubTopology.DMS_QUEUE);
        properties.setReceivedExchange(HubTopology.EXCHANGE);
        properties.setReceivedRoutingKey("1c.request.dms.create_user");
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        String body = "{\"request_id\":\"" + requestId + "\",\"source_system\":\"1c\",\"target_system\":\"dms\","
                + "\"message_type\":\"create_user\",\"payload\":{}}";
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
