package com.example.hub.crm.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which status request of 1C was written to each Creatio order last ({@code order_status_versions}), so that the status
 * 1C sent last wins. Writing a status locks the order's row for the duration of the Creatio call: two requests for one
 * order, in two threads or two instances, write one after the other, and the older one is recognised as older.
 */
@Repository
class OrderStatusVersions {

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    OrderStatusVersions(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // nested in the listener's transaction (a savepoint): a failed write leaves the version as it was, and the
        // listener's transaction, which claimed the message in the inbox, goes on to answer the failure
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Writes an order's status, unless a request that 1C sent later has already been written.
     *
     * @param orderId the Creatio order
     * @param requestedAt when 1C sent the request
     * @param requestId the request
     * @param status the status it asks for
     * @param write writes the status to Creatio; a failure leaves the order's version as it was
     * @return empty if the status was written, else the newer request that was written before
     */
    Optional<Written> writeIfNewest(
            String orderId, Instant requestedAt, String requestId, String status, Runnable write) {
        Instant sentAt = requestedAt.truncatedTo(ChronoUnit.MILLIS);
        return this.transactions.execute(transaction -> {
            this.jdbc
                    .sql("INSERT INTO order_status_versions (order_id) VALUES (:orderId) ON CONFLICT DO NOTHING")
                    .param("orderId", orderId)
                    .update();
            Written last = this.jdbc
                    .sql("SELECT requested_at, request_id, status FROM order_status_versions"
                            + " WHERE order_id = :orderId FOR UPDATE")
                    .param("orderId", orderId)
                    .query((rs, row) -> new Written(
                            instant(rs.getObject("requested_at", OffsetDateTime.class)),
                            rs.getString("request_id"),
                            rs.getString("status")))
                    .single();
            if (last.requestedAt() != null && last.requestedAt().isAfter(sentAt)) {
                return Optional.of(last);
            }
            write.run();
            this.jdbc
                    .sql("UPDATE order_status_versions SET requested_at = :requestedAt, request_id = :requestId,"
                            + " status = :status WHERE order_id = :orderId")
                    .param("requestedAt", sentAt.atOffset(ZoneOffset.UTC))
                    .param("requestId", requestId)
                    .param("status", status)
                    .param("orderId", orderId)
                    .update();
            return Optional.<Written>empty();
        });
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
        return value != null ? value.toInstant() : null;
    }

    /**
     * The status request written to an order last.
     *
     * @param requestedAt when 1C sent it, or {@code null} before any was written
     * @param requestId the request
     * @param status its status
     */
    record Written(
            @Nullable Instant requestedAt,
            @Nullable String requestId,
            @Nullable String status) {}
}
