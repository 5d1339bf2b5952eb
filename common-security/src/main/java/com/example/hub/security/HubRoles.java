package com.example.hub.security;

/**
 * The roles a client of the hub's HTTP endpoints may hold ({@code hub.security.clients.<name>.roles}), as used in
 * {@code hasRole(...)} rules.
 */
public final class HubRoles {

    /** Sends requests into the hub, such as 1C's {@code POST /send_to_dms}. */
    public static final String SEND = "SEND";

    /** Reads what an application shows: the 1C journal, DMS users, SOINDI products. */
    public static final String READ = "READ";

    /** Reads the actuator's endpoints: health with its details, info, metrics. */
    public static final String OPERATOR = "OPERATOR";

    /**
     * Reads the metrics endpoint alone ({@code /actuator/prometheus}): the role of a Prometheus server's key (client
     * {@code metrics}, {@code HUB_API_KEYS_METRICS}). Less than {@link #OPERATOR}, which also reads health with its
     * details (the broker's, the database's) and info, and less than {@link #READ}, which reads the applications'
     * data: a key kept in a scraper's configuration file reads nothing but the meters.
     */
    public static final String METRICS = "METRICS";

    private HubRoles() {}
}
