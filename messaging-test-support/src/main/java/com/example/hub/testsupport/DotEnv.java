package com.example.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a {@code .env} file as docker compose reads them, for the Java code that reads {@code .env} (or
 * {@code .env.example}): the same rules as {@code env_file_entries} of {@code scripts/lib/common.sh}, the runner's.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped, as is an {@code export } before a key; a line with a key
 * only (compose takes its value from the environment) gives nothing. A value in single quotes is taken as it stands,
 * but for {@code \'} (a quote); one in double quotes has {@code \n}, {@code \r}, {@code \t}, {@code \a}, {@code \b},
 * {@code \f}, {@code \v}, {@code \0} and three octal digits, {@code \$}, {@code \"} and {@code \\} undone, any other
 * backslash kept. After a quoted value only blanks and a comment may follow. An unquoted value ends at the first
 * {@code " #"} (a blank, then {@code #}: {@code a#b} is {@code a#b}), without trailing blanks. Unlike compose, neither
 * reader expands {@code $VAR} or {@code ${VAR}} (single-quote a value with {@code $}), and a quoted value must end on its
 * line.
 */
public final class DotEnv {

    private static final Pattern ASSIGNMENT =
            Pattern.compile("\\s*(?:export\\s+)?([\\p{L}\\p{N}_.\\-\\[\\]]+)\\s*=\\s*(.*)");

    private static final Pattern KEY_ONLY = Pattern.compile("\\s*(?:export\\s+)?[\\p{L}\\p{N}_.\\-\\[\\]]+\\s*");

    private static final Pattern AFTER_QUOTE = Pattern.compile("\\s*(#.*)?");

    private static final Pattern PLAIN = Pattern.compile("[\\w./:;,@+=%-]*");

    private static final Pattern ESCAPE = Pattern.compile("\\\\(?:([abfnrtv$\"\\\\])|0([0-7]{3}))");

    private DotEnv() {}

    /**
     * Reads a {@code .env} file.
     *
     * @param file the file
     * @return its settings, in the file's order (a key given twice has its last value)
     * @throws IllegalArgumentException naming the file and line of a line that is not a setting
     */
    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ":" + ex.getMessage(), ex);
        }
    }

    /**
     * Writes settings to a {@code .env} file, each value quoted where it needs it, so that compose, the runner and
     * {@link #read} read them back as they are.
     *
     * @param file the file
     * @param settings the settings
     */
    public static void write(Path file, Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((key, value) ->
                text.append(key).append('=').append(written(value)).append('\n'));
        try {
            Files.writeString(file, text);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The settings of a {@code .env} file's text.
     *
     * @param text the text
     * @return its settings, in order (a key given twice has its last value)
     * @throws IllegalArgumentException naming the line ({@code <number>: ...}) of a line that is not a setting
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line =
                    lines[index].endsWith("\r") ? lines[index].substring(0, lines[index].length() - 1) : lines[index];
            if (line.isBlank()
                    || line.strip().startsWith("#")
                    || KEY_ONLY.matcher(line).matches()) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                throw new IllegalArgumentException((index + 1) + ": not a KEY=VALUE line");
            }
            String key = assignment.group(1);
            try {
                settings.put(key, value(assignment.group(2)));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException((index + 1) + ": " + key + ": " + ex.getMessage(), ex);
            }
        }
        return Collections.unmodifiableMap(settings);
    }

    private static String value(String text) {
        if (text.startsWith("'") || text.startsWith("\"")) {
            return quoted(text);
        }
        int comment = text.indexOf(" #");
        return (comment < 0 ? text : text.substring(0, comment)).stripTrailing();
    }

    /** A quoted value: up to the quote that ends it, {@code \} and the quote being a quote. */
    private static String quoted(String text) {
        char quote = text.charAt(0);
        StringBuilder value = new StringBuilder();
        for (int index = 1; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '\\' && index + 1 < text.length()) {
                char next = text.charAt(++index);
                value.append(next == quote ? "" : "\\").append(next);
            } else if (character == quote) {
                if (!AFTER_QUOTE.matcher(text.substring(index + 1)).matches()) {
                    throw new IllegalArgumentException("only blanks and a comment may follow a quoted value");
                }
                return quote == '"' ? unescape(value.toString()) : value.toString();
            } else {
                value.append(character);
            }
        }
        throw new IllegalArgumentException("a quoted value must end on its line");
    }

    /** A value as it stands where it has only letters, digits and {@code _./:;,@+=%-}, else double-quoted. */
    private static String written(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return '"'
                + value.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("$", "\\$")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r")
                + '"';
    }

    private static String unescape(String text) {
        return ESCAPE.matcher(text)
                .replaceAll(escape -> Matcher.quoteReplacement(
                        escape.group(1) != null
                                ? switch (escape.group(1).charAt(0)) {
                                    case 'a' -> "\u0007";
                                    case 'b' -> "\b";
                                    case 'f' -> "\f";
                                    case 'n' -> "\n";
                                    case 'r' -> "\r";
                                    case 't' -> "\t";
                                    case 'v' -> "\u000b";
                                    default -> escape.group(1);
                                }
                                : Character.toString(Integer.parseInt(escape.group(2), 8))));
    }
}
