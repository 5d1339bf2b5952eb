package com.example.hub.security;

import java.util.List;

/** An application in production was configured with default or placeholder settings. */
public final class InsecureSettingsException extends IllegalStateException {

    private final List<String> problems;

    /**
     * The offending settings.
     *
     * @param problems one sentence per setting, naming it and what to do
     */
    public InsecureSettingsException(List<String> problems) {
        super("hub.production is true, but " + problems.size() + " setting(s) are defaults or placeholders: "
                + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The offending settings.
     *
     * @return one sentence per setting, naming it and what to do
     */
    public List<String> problems() {
        return this.problems;
    }
}
