package com.example.hub.crm.creatio;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code creatio} health indicator, part of readiness: whether Creatio accepts the adapter's session, the one its
 * calls share (see {@link CreatioClient#checkSession()}), and whether its {@code Order} has the columns the adapter
 * is configured to write (see {@link CreatioClient#missingColumns()}). The session check logs in only when there is no
 * session or Creatio no longer accepts it, so it leaves no sessions behind; the columns are checked against Creatio's
 * {@code $metadata} until they are all there, then no more. It runs at start and then every
 * {@code crm.creatio-health-interval} ({@code CRM_CREATIO_HEALTH_INTERVAL}, 30 s by default); a probe only reads the
 * last result, with the time of that check and its error. Until the first check has finished the indicator is
 * {@code DOWN}; Creatio unreachable or refusing the login is {@code DOWN}, a missing column {@code OUT_OF_SERVICE} with
 * the columns in {@code missingColumns}: either way readiness fails and the listeners wait.
 */
@Component
class CreatioHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CreatioHealthIndicator.class);

    private final CreatioClient client;
    private final CreatioProperties properties;
    private volatile @Nullable SessionCheck last;
    private volatile boolean columnsFound;

    CreatioHealthIndicator(CreatioClient client, CreatioProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** Checks the adapter's Creatio session and remembers the outcome; runs on the scheduler, never on a probe. */
    @Scheduled(fixedDelayString = "${crm.creatio-health-interval:30s}")
    void checkSession() {
        Instant start = Instant.now();
        SessionCheck previous = last;
        Instant lastSuccess = previous != null ? previous.lastSuccess() : null;
        SessionCheck check;
        try {
            client.checkSession();
            List<String> missing = columnsFound ? List.of() : client.missingColumns();
            columnsFound = missing.isEmpty();
            check = new SessionCheck(
                    start,
                    Duration.between(start, Instant.now()),
                    missing.isEmpty()
                            ? null
                            : "Creatio has no " + String.join(", ", missing)
                                    + ": create the custom columns in Creatio, or change the creatio.* settings that"
                                    + " name them",
                    missing,
                    missing.isEmpty() ? start : lastSuccess);
        } catch (RuntimeException e) {
            // recorded as the indicator's state and logged: the next check runs as scheduled
            check = new SessionCheck(
                    start,
                    Duration.between(start, Instant.now()),
                    e.getMessage() != null ? e.getMessage() : e.toString(),
                    List.of(),
                    lastSuccess);
        }
        last = check;
        if (check.succeeded() && (previous == null || !previous.succeeded())) {
            log.info("Creatio session check at {} as {}: UP", properties.baseUrl(), properties.username());
        } else if (!check.succeeded() && (previous == null || !check.error().equals(previous.error()))) {
            log.warn(
                    "Creatio session check at {} as {}: {}: {}",
                    properties.baseUrl(),
                    properties.username(),
                    check.missingColumns().isEmpty() ? "DOWN" : "OUT_OF_SERVICE",
                    check.error());
        }
    }

    @Override
    public Health health() {
        SessionCheck check = last;
        if (check == null) {
            return Health.down()
                    .withDetail("baseUrl", properties.baseUrl().toString())
                    .withDetail("username", properties.username())
                    .withDetail("error", "The first session check has not finished yet")
                    .build();
        }
        Health.Builder health = check.succeeded()
                ? Health.up()
                : check.missingColumns().isEmpty() ? Health.down() : Health.outOfService();
        health.withDetail("baseUrl", properties.baseUrl().toString())
                .withDetail("username", properties.username())
                .withDetail("lastCheck", check.checkedAt().toString())
                .withDetail("lastCheckMillis", check.duration().toMillis());
        if (!check.succeeded()) {
            health.withDetail("error", check.error());
            if (!check.missingColumns().isEmpty()) {
                health.withDetail("missingColumns", check.missingColumns());
            }
            if (check.lastSuccess() != null) {
                health.withDetail("lastSuccess", check.lastSuccess().toString());
            }
        }
        return health.build();
    }

    /**
     * The outcome of one check.
     *
     * @param checkedAt when the check started
     * @param duration how long it took
     * @param error why the check failed, {@code null} when it succeeded
     * @param missingColumns the configured columns Creatio does not have
     * @param lastSuccess when a check last succeeded, if ever
     */
    private record SessionCheck(
            Instant checkedAt,
            Duration duration,
            @Nullable String error,
            List<String> missingColumns,
            @Nullable Instant lastSuccess) {

        boolean succeeded() {
            return error == null;
        }
    }
}
