package com.example.hub.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options of the form {@code --name=value}; a bare {@code --name} is {@code true}. */
final class Args {

    private Args() {}

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': options are --name=value");
            }
            int equals = arg.indexOf('=');
            if (equals < 0) {
                options.put(arg.substring(2), "true");
            } else {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
        }
        return options;
    }
}
