package com.example.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each expected value is what docker compose 2.26 read from the same line (docker compose config). */
class DotEnvTests {

    @Test
    void skipsBlankLinesAndCommentsAndKeepsTheFilesOrder() {
        assertThat(DotEnv.parse("# a comment\n\n   # indented comment\nB=2\nA=1\n"))
                .containsExactly(entry("B", "2"), entry("A", "1"));
    }

    @Test
    void unquotedValuesEndAtABlankAndHash() {
        assertThat(DotEnv.parse("""
                        PLAIN=plain
                        HASH_INSIDE=foo#bar
                        HASH_FIRST=#start
                        COMMENTED=foo #bar
                        TRAILING=trailing   # comment
                        BLANKS=  spaced value  \s
                        """))
                .containsExactly(
                        entry("PLAIN", "plain"),
                        entry("HASH_INSIDE", "foo#bar"),
                        entry("HASH_FIRST", "#start"),
                        entry("COMMENTED", "foo"),
                        entry("TRAILING", "trailing"),
                        entry("BLANKS", "spaced value"));
    }

    @Test
    void keepsEqualsSignsAndEmptyValues() {
        assertThat(DotEnv.parse("URL=jdbc:h2:file:./x;MODE=PostgreSQL\nEMPTY=\nEMPTY_QUOTED=\"\"\nEMPTY_SINGLE=''\n"))
                .containsExactly(
                        entry("URL", "jdbc:h2:file:./x;MODE=PostgreSQL"),
                        entry("EMPTY", ""),
                        entry("EMPTY_QUOTED", ""),
                        entry("EMPTY_SINGLE", ""));
    }

    @Test
    void takesTheQuotesAway() {
        assertThat(DotEnv.parse("""
                        JAVA_OPTS="-XX:+UseSerialGC -Xms32m"
                        HASH="quoted # not a comment" # a comment
                        SINGLE='single $X \\n' # a comment
                        CLOSE='x'# a comment
                        PADDED= "padded"
                        """))
                .containsExactly(
                        entry("JAVA_OPTS", "-XX:+UseSerialGC -Xms32m"),
                        entry("HASH", "quoted # not a comment"),
                        entry("SINGLE", "single $X \\n"),
                        entry("CLOSE", "x"),
                        entry("PADDED", "padded"));
    }

    @Test
    void undoesTheEscapesOfDoubleQuotesAsCompose() {
        assertThat(DotEnv.parse("""
                        LINES="a\\nb\\rc\\td"
                        CONTROL="\\a|\\b|\\f|\\v"
                        QUOTES="say \\"hi\\" \\$HOME \\\\n"
                        OCTAL="\\0101"
                        UNKNOWN="\\x|\\q|\\u00e9|\\'"
                        """))
                .containsExactly(
                        entry("LINES", "a\nb\rc\td"),
                        entry("CONTROL", "\u0007|\b|\f|\u000b"),
                        entry("QUOTES", "say \"hi\" $HOME \\n"),
                        entry("OCTAL", "A"),
                        entry("UNKNOWN", "\\x|\\q|\\u00e9|\\'"));
    }

    @Test
    void singleQuotesKeepBackslashesButOneBeforeAQuote() {
        assertThat(DotEnv.parse("ESCAPED='a\\'b'\nBACKSLASH='a\\\\'\nOTHER='\\d+'\n"))
                .containsExactly(entry("ESCAPED", "a'b"), entry("BACKSLASH", "a\\\\"), entry("OTHER", "\\d+"));
    }

    @Test
    void takesExportAndBlanksAroundTheKeyAndCarriageReturns() {
        assertThat(DotEnv.parse("export EXPORTED=exported\n  SPACED = value\r\nCRLF=\"q\"\r\nDOTTED.KEY=dot\n"))
                .containsExactly(
                        entry("EXPORTED", "exported"),
                        entry("SPACED", "value"),
                        entry("CRLF", "q"),
                        entry("DOTTED.KEY", "dot"));
    }

    @Test
    void givesNothingForAKeyWithoutValueAndTheLastValueOfAKeyGivenTwice() {
        assertThat(DotEnv.parse("FROM_ENVIRONMENT\nTWICE=1\nTWICE=2\n")).containsExactly(entry("TWICE", "2"));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DotEnv.parse("A=1\nnot a setting\n"))
                .withMessage("2: not a KEY=VALUE line");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DotEnv.parse("MULTI=\"first\nsecond\"\n"))
                .withMessage("1: MULTI: a quoted value must end on its line");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DotEnv.parse("N='it''s'\n"))
                .withMessage("1: N: only blanks and a comment may follow a quoted value");
    }

    @Test
    void readsAFileAndNamesItInItsErrors(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve(".env"), "A='1'\n");
        Path bad = Files.writeString(directory.resolve("bad.env"), "A=1\nB=\"2\n");

        assertThat(DotEnv.read(file)).containsExactly(entry("A", "1"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DotEnv.read(bad))
                .withMessage(bad + ":2: B: a quoted value must end on its line");
    }

    @Test
    void writesSettingsThatReadBackAsTheyAre(@TempDir Path directory) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("URL", "jdbc:postgresql://127.0.0.1:5432/bench_onec?ssl=false&x=1");
        settings.put("EMPTY", "");
        settings.put("PLAIN", "jdbc:h2:file:./data;MODE=PostgreSQL");
        settings.put("BLANKS", "  a b  ");
        settings.put("COMMENT", "pass #word");
        settings.put("QUOTES", "\"double\" 'single'");
        settings.put("SHELL", "$HOME ${X} \\n \\");
        settings.put("LINES", "one\ntwo\r");
        Path file = directory.resolve("app.env");

        DotEnv.write(file, settings);

        assertThat(Files.readString(file))
                .startsWith(
                        "URL=\"jdbc:postgresql://127.0.0.1:5432/bench_onec?ssl=false&x=1\"\nEMPTY=\nPLAIN=jdbc:h2:file:./data;MODE=PostgreSQL\n");
        assertThat(DotEnv.read(file)).isEqualTo(settings);
    }
}
