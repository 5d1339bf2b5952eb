package com.example.hub.soindi.product;

import com.example.hub.messaging.odoo.ProductEventType;
import java.time.Instant;

/**
 * An event SOINDI has applied, once and for all.
 *
 * @param eventId the event
 * @param eventType its type
 * @param productId its product
 * @param eventTimestamp when it happened in Odoo
 * @param outcome {@link ApplyOutcome#APPLIED} or {@link ApplyOutcome#STALE}
 * @param instanceId the SOINDI instance that applied it
 * @param appliedAt when
 */
record AppliedEvent(
        String eventId,
        ProductEventType eventType,
        String productId,
        Instant eventTimestamp,
        ApplyOutcome outcome,
        String instanceId,
        Instant appliedAt) {}
