package io.parley.broker.kafka;

import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerException;
import io.parley.broker.BrokerUnavailableException;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.MessageTooLargeException;
import io.parley.common.ErrorCode;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Translates Kafka's exceptions into Parley's typed {@link BrokerException}s, so that nothing
 * Kafka-typed leaves the engine. Each message says what was being done ({@code context}) and what
 * Kafka answered. Stateless.
 */
final class Failures {

    private Failures() {
    }

    static BrokerException translate(String context, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BrokerException broker) {
            return broker;
        }
        String detail = describe(cause);
        if (cause instanceof InterruptedException || cause instanceof InterruptException) {
            Thread.currentThread().interrupt();
            return new BrokerUnavailableException(context + " was interrupted", cause);
        }
        if (cause instanceof IllegalStateException && detail.contains("closed")) {
            return new BrokerClosedException(context + " failed: the Kafka client is closed: " + detail);
        }
        if (cause instanceof RecordTooLargeException) {
            return new MessageTooLargeException(context + " refused by Kafka: " + detail);
        }
        if (cause instanceof InvalidTopicException || cause instanceof UnknownTopicOrPartitionException) {
            return new InvalidDestinationException(context + " failed: " + detail, cause);
        }
        if (cause instanceof InvalidConfigurationException) {
            return new BrokerException(ErrorCode.INVALID_ARGUMENT, context + " refused by Kafka: " + detail, cause);
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return new BrokerUnavailableException(context + " failed: Kafka did not answer in time", cause);
        }
        if (cause instanceof RetriableException || cause instanceof TimeoutException) {
            return new BrokerUnavailableException(context + " failed: Kafka is unavailable: " + detail, cause);
        }
        return new BrokerException(ErrorCode.INTERNAL, context + " failed: " + detail, cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
