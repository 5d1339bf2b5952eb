package com.example.hub.messaging.failure;

import com.example.hub.messaging.envelope.FieldNames;
import com.example.hub.messaging.publish.PublishException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/** Tells failures that retrying cannot fix from those that may go away. */
public final class FailureClassifier {

    private static final List<Class<? extends Throwable>> PERMANENT = List.of(
            AmqpRejectAndDontRequeueException.class,
            MessageConversionException.class,
            org.springframework.messaging.converter.MessageConversionException.class,
            MethodArgumentNotValidException.class,
            MethodArgumentTypeMismatchException.class,
            ConstraintViolationException.class,
            JacksonException.class,
            // a message nested too deeply for the stack: it fails the same way every time
            StackOverflowError.class);

    private FailureClassifier() {}

    /**
     * Whether a failure is permanent: unparseable JSON, a missing or invalid field, an unknown message type, or a
     * listener that explicitly rejected the message.
     *
     * @param failure a failure of a listener, with its causes
     * @return {@code true} when a retry cannot succeed
     */
    public static boolean isPermanent(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            for (Class<? extends Throwable> type : PERMANENT) {
                if (type.isInstance(current)) {
                    return true;
                }
            }
            // a response or request that no queue is bound for: retrying does not create the binding
            if (current instanceof PublishException publish && publish.reason() == PublishException.Reason.UNROUTABLE) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether a failure leaves the process in a state it cannot be trusted to go on from: an {@link OutOfMemoryError}
     * or another {@link VirtualMachineError} (a {@link StackOverflowError} is only the message's fault, and permanent).
     * Such a failure is never retried.
     *
     * @param failure a failure of a listener, with its causes
     * @return {@code true} when the process should end
     */
    public static boolean isFatal(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof VirtualMachineError && !(current instanceof StackOverflowError)) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether a failure may go away when the message is tried again: neither permanent nor fatal.
     *
     * @param failure a failure of a listener, with its causes
     * @return {@code true} when a retry may succeed
     */
    public static boolean isRetryable(Throwable failure) {
        return !isPermanent(failure) && !isFatal(failure);
    }

    /**
     * The failure that a listener raised, without the container's wrapper.
     *
     * @param failure a failure as the container reports it
     * @return the listener's own exception, or the failure itself
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof ListenerExecutionFailedException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * A one-line description of a failure for people: its message, followed by the message of its root cause when
     * that says more.
     *
     * @param failure a failure as the container reports it
     * @return the description
     */
    public static String describe(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof MethodArgumentNotValidException invalid && invalid.getBindingResult() != null) {
                return "Invalid message: "
                        + invalid.getBindingResult().getFieldErrors().stream()
                                .map(error -> FieldNames.snakeCase(error.getField()) + " " + error.getDefaultMessage())
                                .sorted()
                                .collect(Collectors.joining(", "));
            }
            if (current.getCause() == current) {
                break;
            }
        }
        Throwable own = unwrap(failure);
        String description = firstLine(
                own.getMessage() != null ? own.getMessage() : own.getClass().getName());
        Throwable root = own;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != own && root.getMessage() != null) {
            String rootMessage = firstLine(root.getMessage());
            if (!description.contains(rootMessage)) {
                description = description + ": " + rootMessage;
            }
        }
        return description.length() <= 1000 ? description : description.substring(0, 997) + "...";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
