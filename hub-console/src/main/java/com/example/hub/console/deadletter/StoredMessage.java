package com.example.hub.console.deadletter;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a replay republishes of a dead letter, read from the ledger with the dead letter locked.
 *
 * @param id the dead letter's number
 * @param queue its dead-letter queue
 * @param group its group's key
 * @param state its state
 * @param replayCount how often it was replayed
 * @param exchange the exchange it was originally published to
 * @param routingKey its original routing key
 * @param messageId its message id
 * @param headers its headers as stored
 * @param properties its other AMQP properties as stored
 * @param body its body
 */
record StoredMessage(
        long id,
        String queue,
        String group,
        String state,
        int replayCount,
        @Nullable String exchange,
        @Nullable String routingKey,
        @Nullable String messageId,
        Map<String, Object> headers,
        Map<String, Object> properties,
        byte[] body) {}
