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

    private HubRoles() {}
}
