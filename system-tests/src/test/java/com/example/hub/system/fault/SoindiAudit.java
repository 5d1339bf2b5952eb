package com.example.hub.system.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Counts what became of published Odoo events, from outside: SOINDI's products ({@code GET /products}) must each be
 * at the latest confirmed event of their product, and SOINDI's log must not show more events applied than were
 * published.
 */
final class SoindiAudit {

    /** SOINDI's log line for each batch, e.g. {@code Took 50 event(s): 48 applied, 2 duplicate}. */
    private static final Pattern BATCH = Pattern.compile("Took \\d+ event\\(s\\): (.*)$");

    private static final Pattern OUTCOME = Pattern.compile("(\\d+) (applied|stale)");

    private final FaultStack stack;

    private final List<FaultStack> instances;

    SoindiAudit(FaultStack stack) {
        this(stack, List.of());
    }

    /**
     * @param stack the stack whose SOINDI shows the products
     * @param otherInstances stacks with further instances of SOINDI (on the same store), whose logs count as well
     */
    SoindiAudit(FaultStack stack, List<FaultStack> otherInstances) {
        this.stack = stack;
        this.instances = new ArrayList<>(List.of(stack));
        this.instances.addAll(otherInstances);
    }

    /**
     * Waits until every product is at its latest confirmed event (at most {@code drain}, or until no progress for
     * {@code stall}), then counts.
     *
     * @param published the events, confirmed or not
     * @param appliedBefore {@link #appliedInLog()} before the first of them was published
     */
    Tally audit(List<OdooEvent> published, int appliedBefore, Duration drain, Duration stall) {
        Map<String, OdooEvent> latest = new LinkedHashMap<>();
        Map<String, Integer> eventsPerProduct = new HashMap<>();
        for (OdooEvent event : published) {
            if (event.confirmed()) {
                latest.merge(event.productId(), event, (a, b) -> a.timestamp().isAfter(b.timestamp()) ? a : b);
                eventsPerProduct.merge(event.productId(), 1, Integer::sum);
            }
        }
        Map<String, String> products = drain(latest, drain, stall);
        Tally tally = new Tally();
        tally.sent = published.size();
        tally.accepted = (int) published.stream().filter(OdooEvent::confirmed).count();
        latest.forEach((productId, event) -> {
            String at = products.get(productId);
            int events = eventsPerProduct.get(productId);
            if (event.eventId().equals(at)) {
                tally.completed += events;
            } else if (at == null) {
                tally.effectsMissing += events;
                tally.finding("event acknowledged, product missing in SOINDI", event.eventId());
            } else if (events == 1) {
                tally.effectsMissing++;
                tally.finding("event acknowledged, product at another event", productId + " at " + at);
            } else {
                tally.duplicates++;
                tally.finding(
                        "product not at its latest event", productId + " at " + at + ", latest " + event.eventId());
            }
        });
        int applied = appliedInLog() - appliedBefore;
        if (applied > published.size()) {
            tally.duplicates += applied - published.size();
            tally.finding(
                    "events applied twice",
                    "SOINDI's log shows " + applied + " events applied for " + published.size() + " published");
        }
        return tally;
    }

    /** Waits until every product is at its latest confirmed event, at most {@code drain}, or no progress for {@code stall}. */
    private Map<String, String> drain(Map<String, OdooEvent> latest, Duration drain, Duration stall) {
        Map<String, String> products = new HashMap<>();
        long[] lastProgress = {System.nanoTime()};
        int[] done = {-1};
        try {
            await().atMost(drain).pollInterval(Duration.ofSeconds(3)).until(() -> {
                products.clear();
                products.putAll(products());
                int atLatest = (int) latest.values().stream()
                        .filter(event -> event.eventId().equals(products.get(event.productId())))
                        .count();
                if (atLatest > done[0]) {
                    done[0] = atLatest;
                    lastProgress[0] = System.nanoTime();
                }
                return atLatest == latest.size() || System.nanoTime() - lastProgress[0] > stall.toNanos();
            });
        } catch (ConditionTimeoutException ex) {
            // counted as missing
        }
        return products;
    }

    /** SOINDI's products: the last event of each, by product id. */
    private Map<String, String> products() {
        Http.Answer answer = Http.get(this.stack.uri(FaultStack.SOINDI).resolve("/products"));
        Map<String, String> products = new HashMap<>();
        if (answer.ok()) {
            answer.body()
                    .forEach(product -> products.put(
                            product.path("productId").asString(),
                            product.path("lastEventId").asString()));
        }
        return products;
    }

    /** Events SOINDI logged as applied (or recorded as stale), over all its runs (and instances) so far. */
    int appliedInLog() {
        int applied = 0;
        for (FaultStack instance : this.instances) {
            applied += appliedInLog(instance.log(FaultStack.SOINDI));
        }
        return applied;
    }

    private static int appliedInLog(Path log) {
        if (!Files.exists(log)) {
            return 0;
        }
        int applied = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher batch = BATCH.matcher(line);
                if (batch.find()) {
                    Matcher outcome = OUTCOME.matcher(batch.group(1));
                    while (outcome.find()) {
                        applied += Integer.parseInt(outcome.group(1));
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return applied;
    }
}
