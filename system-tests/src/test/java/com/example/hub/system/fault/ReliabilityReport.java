package com.example.hub.system.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * Each scenario's figures in {@code system-tests/target/reliability/<scenario>.md}, and {@code docs/reliability.md}
 * assembled from all of them.
 */
final class ReliabilityReport {

    static final Path FIGURES = FaultStack.ROOT.resolve("system-tests/target/reliability");

    static final Path DOCUMENT = FaultStack.ROOT.resolve("docs/reliability.md");

    /** The scenarios in the order the document shows them. */
    static final List<String> ORDER = List.of(
            "kill-onec-adapter",
            "kill-dms-adapter",
            "kill-crm-adapter",
            "kill-soindi-consumer-backlog",
            "broker-restart",
            "postgres-restart",
            "creatio-down-60s",
            "creatio-down-60s-policy",
            "creatio-down-5min",
            "creatio-down-5min-policy",
            "scale-out");

    static final String COMMAND =
            "./mvnw verify -pl system-tests -am -Dtest='Fault*' -Dsurefire.failIfNoSpecifiedTests=false";

    private ReliabilityReport() {}

    static void write(Figures figures) {
        try {
            Files.createDirectories(FIGURES);
            Files.writeString(FIGURES.resolve(figures.scenario() + ".md"), figures.markdown());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes {@code docs/reliability.md} from the figures there are, in {@link #ORDER}. */
    static void assemble() {
        StringBuilder document = new StringBuilder("""
                # Reliability: what the fault suite measured

                The fault suite (`system-tests`, package `com.example.hub.system.fault`) runs the apps as processes
                from their jars with `scripts/stack.sh`, against a RabbitMQ node and, where a scenario says so, a
                PostgreSQL server of its own, both on loopback ports. Each scenario runs a fixed-rate load with unique
                ids, injects its fault in the middle, drains, and counts from outside:

                - **sent**: requests posted to 1C (`/send_to_dms` create_user, `/send_to_crm` update_order_status with
                  and without `needs_policy_info`) or Odoo events published to `odoo_events_exchange`;
                - **202 / confirmed**: answered `202` by 1C, or confirmed by the broker; only these are promised;
                - **completed**: ended `COMPLETED` in 1C's journal, or an event visible in SOINDI's products;
                - **failed**: ended `FAILED` with a reason;
                - **lost**: promised, but without a final state when the drain ended (or unknown to the journal), or
                  finished without its effect (a DMS user the DMS does not know, a Creatio order never patched, an
                  acknowledged event missing from SOINDI);
                - **duplicates**: a request with more than one distinct answer in the journal, a DMS user created
                  twice, a Creatio order patched more often than asked, a SOINDI product not at its latest event, more
                  events applied than published (SOINDI's log).

                Every scenario asserts zero lost, zero duplicates, zero failed (no outage here is longer than the retry
                horizon) and every app's readiness `UP` at the end, without manual action.

                Reproduce (every load, drain and start-up is bounded in count and time; the durations below are those of
                this run; the suite needs RabbitMQ's and PostgreSQL's programs installed, as `bash .ci/run` makes sure):

                ```bash
                """);
        document.append(COMMAND).append("\n```\n\n");
        document.append("Assembled at ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES))
                .append(" from the figures of the last run of each scenario on this machine (each section says when it"
                        + " ran).\n\n## Summary\n\n")
                .append(Figures.HEADER);
        List<Path> files = figureFiles();
        List<String> sections = files.stream().map(ReliabilityReport::read).toList();
        for (String section : sections) {
            section.lines()
                    .filter(line -> line.startsWith("| ") && !line.startsWith("| scenario"))
                    .findFirst()
                    .ifPresent(row -> document.append(row).append('\n'));
        }
        document.append("\n## Scenarios\n\n");
        sections.forEach(document::append);
        try {
            Files.writeString(DOCUMENT, document.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Path> figureFiles() {
        if (!Files.isDirectory(FIGURES)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(FIGURES)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int rank(Path file) {
        int rank = ORDER.indexOf(file.getFileName().toString().replace(".md", ""));
        return rank < 0 ? ORDER.size() : rank;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
