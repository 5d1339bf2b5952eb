/**
 * Dead letters: the ledger that takes them from every dead-letter queue of the hub into the console's database, their
 * groups by cause, and the REST API that lists, replays and discards them, with its audit trail and meters.
 */
@NullMarked
package com.example.hub.console.deadletter;

import org.jspecify.annotations.NullMarked;
