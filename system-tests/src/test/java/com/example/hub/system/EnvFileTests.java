package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.DotEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One .env for docker compose, the runner (scripts/stack.sh) and bash (issue 15, item 1): the runner's reading of a
 * .env file gives the values DotEnv gives (compose's, DotEnvTests), and .env.example reads the same in bash.
 */
class EnvFileTests {

    private static final Path ENV_EXAMPLE = StackScript.ROOT.resolve(".env.example");

    @Test
    void theRunnerReadsEnvExampleAsComposeDoesWithoutAWarning(@TempDir Path directory) throws Exception {
        Map<String, String> settings = DotEnv.read(ENV_EXAMPLE);

        Bash runner = runnerReading(ENV_EXAMPLE, directory);

        assertThat(settings)
                .containsEntry("JAVA_OPTS", "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError");
        assertThat(runner.entries()).isEqualTo(settings);
        assertThat(runner.errors()).isEmpty();
    }

    @Test
    void bashSourcesEnvExampleToTheSameValues(@TempDir Path directory) throws Exception {
        Map<String, String> settings = DotEnv.read(ENV_EXAMPLE);

        Bash bash = bash(directory, "env -i bash -c 'set -a; source \"$0\"; set +a; env -0' " + ENV_EXAMPLE);

        assertThat(bash.errors()).isEmpty();
        assertThat(bash.entries()).containsAllEntriesOf(settings);
    }

    @Test
    void theRunnerReadsQuotesCommentsAndEscapesAsComposeDoes(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("settings.env"), """
                # a comment
                PLAIN=plain
                HASH_INSIDE=foo#bar
                HASH_FIRST=#start
                TRAILING=trailing   # comment
                URL=jdbc:h2:file:./x;MODE=PostgreSQL
                EMPTY=
                EMPTY_QUOTED=""
                JAVA_OPTS="-XX:+UseSerialGC -Xms32m"
                HASH="quoted # not a comment" # a comment
                SINGLE='single $X \\n' # a comment
                PADDED= "padded"
                ESCAPES="a\\nb\\rc\\td \\a|\\b|\\f|\\v \\0101"
                QUOTES="say \\"hi\\" \\$HOME \\\\n \\x|\\q"
                ESCAPED='a\\'b'
                BACKSLASH='a\\\\'
                export EXPORTED=exported
                  SPACED = value\r
                TWICE=1
                TWICE=2
                """);

        assertThat(runnerReading(file, directory).entries()).isEqualTo(DotEnv.read(file));
    }

    @Test
    void theRunnerReadsWhatDotEnvWritesAsItIs(@TempDir Path directory) throws Exception {
        Map<String, String> settings = Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/fault_onec?ssl=false&x=1",
                "SPRING_DATASOURCE_USERNAME", "fault_onec",
                "SPRING_DATASOURCE_PASSWORD", " a \"pass\" #word's $HOME \\n ",
                "EMPTY", "");
        Path file = directory.resolve("onec-adapter.env");

        DotEnv.write(file, settings);

        assertThat(runnerReading(file, directory).entries()).isEqualTo(settings);
    }

    private static Bash runnerReading(Path file, Path directory) throws Exception {
        return bash(directory, "source scripts/lib/common.sh; env_file_entries " + file);
    }

    private static Bash bash(Path directory, String script) throws IOException, InterruptedException {
        Path errors = directory.resolve("stderr");
        Process process = new ProcessBuilder(List.of("bash", "-c", script))
                .directory(StackScript.ROOT.toFile())
                .redirectError(errors.toFile())
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("bash -c %s", script).isZero();
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : new String(output, StandardCharsets.UTF_8).split("\0")) {
            if (!entry.isEmpty()) {
                entries.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
            }
        }
        return new Bash(entries, Files.readString(errors));
    }

    /** What bash printed, KEY=VALUE entries ended by NUL bytes, and its standard error. */
    private record Bash(Map<String, String> entries, String errors) {}
}
