package com.example.hub.odoo;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.publish.PublishException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of the events of a run.
 *
 * @param outcomes one per event that was handed to the broker, in order
 * @param notSent how many events were not even tried
 * @param unreachable why no channel to the broker could be opened, or {@code null} when one was
 */
record SendReport(
        List<Outcome> outcomes, int notSent, @Nullable PublishException unreachable) {

    static SendReport unreachable(int events, PublishException failure) {
        return new SendReport(List.of(), events, failure);
    }

    long confirmed() {
        return this.outcomes.stream().filter(Outcome::confirmed).count();
    }

    int total() {
        return this.outcomes.size() + this.notSent;
    }

    boolean allConfirmed() {
        return this.notSent == 0 && confirmed() == this.outcomes.size();
    }

    /**
     * Why the broker could not be reached at all: no channel, or the first event could not even be sent.
     *
     * @return the failure, or {@code null} when the broker was reached
     */
    @Nullable
    PublishException brokerUnreachable() {
        if (this.unreachable != null) {
            return this.unreachable;
        }
        if (confirmed() == 0 && !this.outcomes.isEmpty()) {
            PublishException first = this.outcomes.get(0).failure();
            if (first != null && first.reason() == PublishException.Reason.UNREACHABLE && this.notSent > 0) {
                return first;
            }
        }
        return null;
    }

    /**
     * The broker's refusals among the events that it did not confirm, e.g. {@code NOT_FOUND} for an exchange that does
     * not exist.
     *
     * @return the refusals, in the order of the events
     */
    List<BrokerRefusal> refusals() {
        return this.outcomes.stream()
                .map(Outcome::failure)
                .filter(Objects::nonNull)
                .map(BrokerRefusal::of)
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * An event and whether the broker confirmed it.
     *
     * @param event the event
     * @param failure why it was not confirmed, or {@code null} when it was
     */
    record Outcome(ProductEvent event, @Nullable PublishException failure) {

        boolean confirmed() {
            return this.failure == null;
        }
    }
}
