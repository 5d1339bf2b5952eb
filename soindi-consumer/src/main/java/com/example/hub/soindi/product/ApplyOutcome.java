package com.example.hub.soindi.product;

/** What applying an event did to SOINDI's store. */
enum ApplyOutcome {
    /** The event changed the product. */
    APPLIED,
    /** The event had been applied before (a redelivery or a duplicate): nothing changed. */
    DUPLICATE,
    /** The event is older than what SOINDI holds for the product: recorded as applied, the product unchanged. */
    STALE
}
