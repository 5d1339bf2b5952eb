package com.example.hub.soindi.product;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;

/**
 * An outage of SOINDI's store, for chosen products: an H2 trigger on {@code applied_events} that fails the insert of
 * an event of such a product as often as asked, then lets it through.
 */
public class FlakyStoreTrigger implements Trigger {

    static final String CREATE = "create trigger if not exists flaky_store before insert on applied_events"
            + " for each row call '" + FlakyStoreTrigger.class.getName() + "'";

    private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** Makes the next inserts of a product's events fail. */
    static void failNext(String productId, int failures) {
        FAILURES_LEFT.put(productId, new AtomicInteger(failures));
        ATTEMPTS.put(productId, new AtomicInteger());
    }

    static int attempts(String productId) {
        AtomicInteger attempts = ATTEMPTS.get(productId);
        return attempts == null ? 0 : attempts.get();
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String productId = (String) newRow[2];
        AtomicInteger failuresLeft = FAILURES_LEFT.get(productId);
        if (failuresLeft == null) {
            return;
        }
        ATTEMPTS.get(productId).incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
            // a transient failure (serialization failure): the connection stays usable
            throw new SQLException("SOINDI's store is unavailable (simulated outage)", "40001");
        }
    }
}
