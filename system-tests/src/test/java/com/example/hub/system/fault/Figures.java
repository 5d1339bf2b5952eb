package com.example.hub.system.fault;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scenario's figures, as {@code docs/reliability.md} shows them.
 *
 * @param scenario its file name, e.g. {@code kill-onec-adapter}
 * @param title what it does
 * @param load the load it ran
 * @param tally what was counted
 * @param duration from the start of the load to the end of the drain
 * @param faultWindow what was done to the system, and when
 * @param ready whether every app's readiness was UP at the end
 */
record Figures(
        String scenario, String title, String load, Tally tally, Duration duration, String faultWindow, boolean ready) {

    static final String HEADER =
            "| scenario | sent | 202 / confirmed | completed | failed | lost | duplicates | duration"
                    + " | fault window |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n";

    String row() {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %d | %d | %d | %d s | %s |%n",
                this.scenario,
                this.tally.sent,
                this.tally.accepted,
                this.tally.completed,
                this.tally.failed,
                this.tally.lost(),
                this.tally.duplicates,
                this.duration.toSeconds(),
                this.faultWindow);
    }

    /** The scenario's section of the report: title, load, its table, and what lies behind the counts. */
    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("### ").append(this.scenario).append("\n\n");
        text.append(this.title)
                .append(" Load: ")
                .append(this.load)
                .append(". Run at ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES))
                .append(".\n\n");
        text.append(HEADER).append(row()).append('\n');
        text.append("- Undecided (no final state when the drain ended): ")
                .append(this.tally.undecided)
                .append("; acknowledged but without effect: ")
                .append(this.tally.effectsMissing)
                .append("; readiness UP at the end: ")
                .append(this.ready ? "yes" : "NO")
                .append('\n');
        for (Map.Entry<String, Integer> finding : this.tally.findings().entrySet()) {
            text.append("- ")
                    .append(finding.getKey())
                    .append(": ")
                    .append(finding.getValue())
                    .append('\n');
        }
        List<String> examples = this.tally.examples();
        if (!examples.isEmpty()) {
            text.append("\nExamples:\n\n");
            examples.stream()
                    .limit(12)
                    .forEach(example ->
                            text.append("- `").append(example.replace("`", "'")).append("`\n"));
        }
        return text.append('\n').toString();
    }
}
