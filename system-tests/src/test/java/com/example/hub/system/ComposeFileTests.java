package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

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

    static String envExample;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        envExample = Files.readString(ROOT.resolve(".env.example"));
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
            assertThat(envExample).as("%s in .env.example", variable).containsPattern("(?m)^" + variable + "=");
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
            assertThat(envExample).as("%s in .env.example", variable).containsPattern("(?m)^(# )?" + variable + "=");
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
            assertThat(envExample).containsPattern("(?m)^" + variable + "=");
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
            assertThat(envExample).containsPattern("(?m)^" + variable + "=" + Pattern.quote(image) + "$");
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

    record App(String service, String portVariable, int defaultPort) {}
}
