package com.example.hub.messaging.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.publish.PublishException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;

class FailureClassifierTests {

    @Test
    void aDownstreamFailureIsRetryable() {
        Throwable failure = wrapped(new IllegalStateException("Creatio answered HTTP 503"));

        assertThat(FailureClassifier.isRetryable(failure)).isTrue();
        assertThat(FailureClassifier.isPermanent(failure)).isFalse();
        assertThat(FailureClassifier.isFatal(failure)).isFalse();
    }

    @Test
    void outOfMemoryIsFatalAndNeverRetried() {
        Throwable failure = wrapped(new OutOfMemoryError("Java heap space"));

        assertThat(FailureClassifier.isFatal(failure)).isTrue();
        assertThat(FailureClassifier.isRetryable(failure)).isFalse();
    }

    @Test
    void aStackOverflowIsTheMessagesFaultAndPermanent() {
        Throwable failure = wrapped(new StackOverflowError());

        assertThat(FailureClassifier.isPermanent(failure)).isTrue();
        assertThat(FailureClassifier.isFatal(failure)).isFalse();
        assertThat(FailureClassifier.isRetryable(failure)).isFalse();
    }

    @Test
    void anAnswerNoQueueIsBoundForIsPermanentWhileAnUnreachableBrokerIsNot() {
        Throwable unroutable = wrapped(new PublishException(PublishException.Reason.UNROUTABLE, "returned"));
        Throwable unreachable =
                wrapped(new PublishException(PublishException.Reason.UNREACHABLE, "connection refused"));

        assertThat(FailureClassifier.isPermanent(unroutable)).isTrue();
        assertThat(FailureClassifier.isPermanent(unreachable)).isFalse();
        assertThat(FailureClassifier.isRetryable(unreachable)).isTrue();
    }

    private static Throwable wrapped(Throwable failure) {
        return new ListenerExecutionFailedException("Listener threw exception", failure);
    }
}
