package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.DotEnv;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Static checks of docker-compose.yml and the Dockerfile, which need no Docker engine: the file parses, every service
 * the README names is there, and its ports and variables agree with the apps' configuration and .env.example.
 * scripts/compose-check.sh (run by .ci/run) runs the stack for real.
 */
class ComposeFileTests {

    static final Path ROOT = LocalStack.ROOT;

    /** Service name, its app's port variable and default, and the health path compose probes. */
    static final List<App> APPS = List.of(
            new App("onec-adapter", "ONEC_PORT", 5000),
            new App("dms-adapter", "DMS_PORT", 8081),
            new App("crm-adapter", "CRM_PORT", 8082),
            new App("soindi-consumer", "SOINDI_PORT", 8083),
            new App("hub-console", "CONSOLE_PORT", 8085),
            new App("fake-creatio", "FAKE_CREATIO_PORT", 8090));

    static Map<String, Object> compose;

    static Map<String, Map<String, Object>> services;

    /** The settings of .env.example, read as compose reads them. */
    static Map<String, String> envExample;

    /** The text of .env.example, with the settings it documents in comments. */
    static String envExampleText;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        envExample = DotEnv.read(ROOT.resolve(".env.example"));
        envExampleText = Files.readString(ROOT.resolve(".env.example"));
    }

    @Test
    void hasEveryServiceTheReadmeNames() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(services)
                .containsKeys(
                        "rabbitmq",
                        "fake-creatio",
                        "onec-adapter",
                        "dms-adapter",
                        "crm-adapter",
                        "soindi-consumer",
                        "hub-console",
                        "odoo-producer");
        Matcher named = Pattern.compile("docker compose (?:run --rm|logs(?: -f)?|restart|stop|up[^`\\n]*--scale) "
                        + "([a-z][a-z0-9-]+)")
                .matcher(readme);
        while (named.find()) {
            assertThat(services)
                    .as("a service the README names")
                    .containsKey(named.group(1).split("=")[0]);
        }
    }

    @Test
    void runsRabbitMq4WithTheManagementUiAndAHealthCheck() {
        Map<String, Object> rabbitmq = services.get("rabbitmq");
        assertThat((String) rabbitmq.get("image"))
                .as("the official image by default, another through RABBITMQ_IMAGE")
                .matches("\\$\\{RABBITMQ_IMAGE:-rabbitmq:4(\\.\\d+)*-management}");
        assertThat(rabbitmq.get("ports").toString()).contains(":5672", ":15672");
        assertThat(rabbitmq).containsKey("healthcheck");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAppWaitsForTheBrokerHasAHealthCheckAMemoryLimitAndARestartPolicy() throws IOException {
        for (App app : APPS) {
            Map<String, Object> service = services.get(app.service());
            assertThat(service).as(app.service()).containsKeys("healthcheck", "mem_limit", "restart", "build");
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            String serverPort = String.valueOf(environment.get("SERVER_PORT"));
            assertThat(serverPort).as(app.service() + " SERVER_PORT").isEqualTo(Integer.toString(app.defaultPort()));
            String published = "${" + app.portVariable() + ":-" + app.defaultPort() + "}:" + app.defaultPort();
            if (app.service().equals("fake-creatio")) {
                assertThat(service.get("ports").toString())
                        .as(app.service() + " publishes its port from " + app.portVariable())
                        .contains(published);
            } else {
                // several instances of each app: the load balancer publishes the app's port, the app none of its own
                assertThat(service)
                        .as(app.service() + " publishes no port of its own")
                        .doesNotContainKey("ports");
                assertThat(services.get("load-balancer").get("ports").toString())
                        .as("the load balancer publishes " + app.service() + "'s port from " + app.portVariable())
                        .contains(published);
            }
            String healthCheck = ((Map<String, Object>) service.get("healthcheck"))
                    .get("test")
                    .toString();
            assertThat(healthCheck).contains("http://localhost:" + app.defaultPort() + "/actuator/health");
            String applicationYml =
                    Files.readString(ROOT.resolve(app.service()).resolve("src/main/resources/application.yml"));
            assertThat(applicationYml)
                    .as(app.service() + "'s own default port")
                    .contains("${" + app.portVariable() + ":" + app.defaultPort() + "}");
            if (!app.service().equals("fake-creatio")) {
                Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
                assertThat(dependsOn.get("rabbitmq").toString()).contains("service_healthy");
            }
        }
    }

    @Test
    void everyVariableComposeReadsIsDocumentedInEnvExample() throws IOException {
        String composeText = Files.readString(ROOT.resolve("docker-compose.yml"));
        Set<String> variables = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(composeText);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        assertThat(variables).isNotEmpty();
        for (String variable : variables) {
            assertThat(envExample).as("%s in .env.example", variable).containsKey(variable);
        }
    }

    @Test
    void everyVariableTheAppsReadIsDocumentedInEnvExample() throws IOException {
        Set<String> variables = new LinkedHashSet<>();
        try (var modules = Files.list(ROOT)) {
            for (Path config : modules.map(module -> module.resolve("src/main/resources/application.yml"))
                    .filter(Files::isRegularFile)
                    .toList()) {
                Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):").matcher(Files.readString(config));
                while (matcher.find()) {
                    variables.add(matcher.group(1));
                }
            }
        }
        assertThat(variables).contains("ONEC_PORT", "CREATIO_BASE_URL", "SOINDI_PREFETCH");
        for (String variable : variables) {
            assertThat(envExampleText)
                    .as("%s in .env.example", variable)
                    .containsPattern("(?m)^(# )?" + variable + "=");
        }
    }

    @Test
    void everyCreatioSettingOfTheCrmAdapterIsDocumentedAndPassedOn() throws IOException {
        String crmConfig = Files.readString(ROOT.resolve("crm-adapter/src/main/resources/application.yml"));
        Matcher matcher = Pattern.compile("\\$\\{(CREATIO_[A-Z_]+)").matcher(crmConfig);
        Set<String> variables = new LinkedHashSet<>();
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        assertThat(variables).contains("CREATIO_BASE_URL", "CREATIO_USERNAME", "CREATIO_PASSWORD");
        String crmService = services.get("crm-adapter").get("environment").toString();
        for (String variable : variables) {
            assertThat(envExample).containsKey(variable);
            assertThat(crmService)
                    .as("crm-adapter's environment passes %s", variable)
                    .contains(variable);
        }
    }

    @Test
    void theImageRunsAsANonRootUserAndCopiesNoSecrets() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String dockerignore = Files.readString(ROOT.resolve(".dockerignore"));
        assertThat(dockerfile).contains("USER app", "-jre", "--layers", "./mvnw");
        assertThat(dockerfile).doesNotContain(".env");
        assertThat(dockerignore).containsPattern("(?m)^\\.env$");
    }

    @Test
    @SuppressWarnings("unchecked")
    void baseImagesComeFromVariablesWhoseDefaultsAreTheOfficialImages() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile)
                .as("no syntax line: BuildKit would pull a frontend image")
                .doesNotContainPattern("(?m)^# *syntax=");
        assertThat(dockerfile)
                .contains("ARG JDK_IMAGE=eclipse-temurin:21-jdk", "ARG JRE_IMAGE=eclipse-temurin:21-jre")
                .contains("FROM ${JDK_IMAGE} AS build", "FROM ${JRE_IMAGE} AS runtime");
        assertThat(dockerfile.substring(0, dockerfile.indexOf("FROM ${JRE_IMAGE}")))
                .as("the build stage does not depend on the module, so that it is built once for every image")
                .doesNotContain("MODULE}");
        Map<String, String> defaults = Map.of(
                "JDK_IMAGE", "eclipse-temurin:21-jdk",
                "JRE_IMAGE", "eclipse-temurin:21-jre",
                "RABBITMQ_IMAGE", "rabbitmq:4.1-management");
        String composeText = Files.readString(ROOT.resolve("docker-compose.yml"));
        defaults.forEach((variable, image) -> {
            assertThat(composeText).contains("${" + variable + ":-" + image + "}");
            assertThat(envExample).containsEntry(variable, image);
        });
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object build = service.getValue().get("build");
            if (build == null) {
                continue;
            }
            Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) build).get("args");
            assertThat(args)
                    .as(service.getKey() + "'s build arguments")
                    .containsEntry("JDK_IMAGE", "${JDK_IMAGE:-eclipse-temurin:21-jdk}")
                    .containsEntry("JRE_IMAGE", "${JRE_IMAGE:-eclipse-temurin:21-jre}")
                    .containsEntry("MODULE", service.getKey());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theObservabilityProfileRunsPrometheusAndGrafanaWithTheirConfigurationFromTheRepository() throws IOException {
        Map<String, Object> prometheus = services.get("prometheus");
        Map<String, Object> grafana = services.get("grafana");
        for (Map<String, Object> service : List.of(prometheus, grafana)) {
            assertThat(service)
                    .containsEntry("profiles", List.of("observability"))
                    .containsKeys("healthcheck", "mem_limit");
            assertThat(service.get("ports").toString())
                    .as("no login on Prometheus: this host only")
                    .startsWith("[127.0.0.1:");
        }
        assertThat((String) prometheus.get("image")).startsWith("${PROMETHEUS_IMAGE:-prom/prometheus:v3.");
        assertThat((String) grafana.get("image")).startsWith("${GRAFANA_IMAGE:-grafana/grafana-oss:");
        // the configuration from the repository, the key from .env through a config of its own
        Map<String, Map<String, Object>> configs = (Map<String, Map<String, Object>>) compose.get("configs");
        assertThat(ROOT.resolve((String) configs.get("prometheus-config").get("file")))
                .isRegularFile();
        assertThat((String) configs.get("prometheus-api-key").get("content"))
                .isEqualTo("${PROMETHEUS_API_KEY:-${HUB_API_KEYS_METRICS:-change-me-metrics-api-key}}");
        List<Map<String, Object>> mounted = (List<Map<String, Object>>) prometheus.get("configs");
        assertThat(mounted)
                .extracting(config -> config.get("source") + " " + config.get("target"))
                .containsExactly(
                        "prometheus-config /etc/prometheus/prometheus.yml",
                        "prometheus-api-key /etc/prometheus/api-key");
        assertThat(envExample.get("HUB_API_KEYS_METRICS")).startsWith("change-me-");
        assertThat(services.get("onec-adapter").get("environment").toString())
                .contains("HUB_API_KEYS_METRICS=${HUB_API_KEYS_METRICS:-change-me-metrics-api-key}");
        // Grafana: provisioning and dashboards from the repository, its admin password from .env
        for (Object volume : (List<Object>) grafana.get("volumes")) {
            String hostPath = volume.toString().split(":")[0];
            if (hostPath.startsWith("./")) {
                assertThat(ROOT.resolve(hostPath)).as(volume.toString()).isDirectory();
            }
        }
        assertThat(grafana.get("environment").toString())
                .contains("GF_SECURITY_ADMIN_PASSWORD=${GRAFANA_ADMIN_PASSWORD:-change-me-");
        Map<String, Object> datasources = yaml(ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasources.get("datasources").toString()).contains("uid=prometheus", "url=http://prometheus:9090");
        Map<String, Object> providers = yaml(ROOT.resolve("docker/grafana/provisioning/dashboards/hub.yml"));
        assertThat(providers.get("providers").toString()).contains("path=/etc/grafana/dashboards");
        assertThat(grafana.get("volumes").toString())
                .contains("./docker/grafana/dashboards:/etc/grafana/dashboards:ro");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryAppByItsServiceNameWithTheMetricsKeyAndTheBroker() throws IOException {
        Map<String, Object> config = yaml(ROOT.resolve("docker/prometheus/prometheus.yml"));
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            jobs.put((String) job.get("job_name"), job);
        }
        Map<String, Object> hub = jobs.get("hub");
        assertThat(hub).containsEntry("metrics_path", "/actuator/prometheus");
        assertThat((Map<String, Object>) hub.get("authorization"))
                .containsEntry("type", "Bearer")
                .containsEntry("credentials_file", "/etc/prometheus/api-key");
        List<String> discovered = ((List<Map<String, Object>>) hub.get("dns_sd_configs"))
                .stream()
                        .peek(lookup -> assertThat(lookup).containsEntry("type", "A"))
                        .map(lookup -> lookup.get("names") + ":" + lookup.get("port"))
                        .toList();
        for (App app : APPS) {
            if (app.service().equals("fake-creatio")) {
                continue; // no meters: a stand-in for Creatio, not part of the hub
            }
            assertThat(discovered).contains("[" + app.service() + "]:" + app.defaultPort());
            assertThat(Files.readString(ROOT.resolve(app.service()).resolve("src/main/resources/application.yml")))
                    .as(app.service() + " exposes /actuator/prometheus")
                    .containsPattern("include: .*prometheus");
        }
        assertThat(jobs.get("rabbitmq").get("static_configs").toString()).contains("rabbitmq:15692");
        assertThat(jobs.get("rabbitmq-queues")).containsEntry("metrics_path", "/metrics/detailed");
        Map<String, Object> rabbitmqEnvironment =
                (Map<String, Object>) services.get("rabbitmq").get("environment");
        assertThat(rabbitmqEnvironment.get("RABBITMQ_ENABLED_PLUGINS").toString())
                .contains("rabbitmq_management", "rabbitmq_prometheus");
    }

    /**
     * Every metric a query of the dashboard reads is one the hub names in its sources (a meter name such as {@code
     * "hub.publish"}, as Micrometer writes it for Prometheus: dots as underscores, with {@code _total}, {@code _seconds_*}
     * or a summary's suffixes), or one of the few from libraries and the broker listed here: a renamed meter breaks
     * this test, not the dashboard silently.
     */
    @Test
    void theDashboardParsesAndEveryQueryReadsAMeterTheHubHas() throws IOException {
        JsonNode dashboard = new JsonMapper()
                .readTree(ROOT.resolve("docker/grafana/dashboards/hub.json").toFile());
        assertThat(dashboard.get("uid").asString()).isEqualTo("integration-hub");
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asString())
                        .as(panel.get("title").asString())
                        .isEqualTo("prometheus");
                queries.add(target.get("expr").asString());
            }
        }
        Set<String> used = new TreeSet<>();
        queries.forEach(query -> used.addAll(metricNames(query)));
        assertThat(used)
                .as("the dashboard shows every family of the hub's meters")
                .contains(
                        "spring_rabbit_listener_seconds_count",
                        "hub_messages_dead_lettered_total",
                        "hub_publish_seconds_count",
                        "onec_journal_requests",
                        "creatio_calls_seconds_count",
                        "soindi_events_total",
                        "soindi_events_lag_seconds_max",
                        "hub_console_dead_letters");
        Set<String> known = knownMetrics();
        for (String metric : used) {
            assertThat(known)
                    .as("%s (a query of the dashboard) is a meter of the hub", metric)
                    .contains(metric);
        }
    }

    /** The metric names of a PromQL query: its identifiers but functions, keywords, labels, strings and ranges. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^\\]]*]", "")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> keywords = Set.of("by", "without", "on", "ignoring", "bool", "and", "or", "unless", "offset");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][\\w:]*)(?![\\w:])(?!\\s*\\()")
                .matcher(bare);
        while (identifier.find()) {
            if (!keywords.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /**
     * The metrics of the meters the hub's main sources name (every dotted lowercase string literal, in Micrometer's
     * Prometheus forms), and those of Spring AMQP's listener observation, Boot's HTTP server observation, RabbitMQ's
     * per-queue families (its Prometheus plugin's /metrics/detailed) and Prometheus's own {@code up}.
     */
    static Set<String> knownMetrics() throws IOException {
        Set<String> meters = new HashSet<>(Set.of("spring.rabbit.listener", "http.server.requests"));
        Pattern literal = Pattern.compile("\"([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)+)\"");
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path source : files.filter(path ->
                            path.toString().endsWith(".java") && path.toString().contains("/src/main/java/"))
                    .toList()) {
                Matcher matcher = literal.matcher(Files.readString(source));
                while (matcher.find()) {
                    meters.add(matcher.group(1));
                }
            }
        }
        Set<String> known = new HashSet<>(Set.of(
                "up",
                "rabbitmq_detailed_queue_messages_ready",
                "rabbitmq_detailed_queue_messages_unacked",
                "rabbitmq_detailed_queue_messages",
                "rabbitmq_detailed_queue_consumers"));
        for (String meter : meters) {
            String name = meter.replace('.', '_');
            known.add(name); // a gauge
            known.add(name + "_total"); // a counter
            for (String suffix : List.of("_count", "_sum", "_max")) {
                known.add(name + suffix); // a distribution summary
                known.add(name + "_seconds" + suffix); // a timer
            }
            known.add(name + "_seconds_bucket"); // a timer's histogram
        }
        return known;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    record App(String service, String portVariable, int defaultPort) {}
}
