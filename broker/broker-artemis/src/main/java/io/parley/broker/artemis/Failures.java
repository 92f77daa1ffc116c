package io.parley.broker.artemis;

import io.parley.broker.BrokerException;
import io.parley.broker.BrokerUnavailableException;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.StoreFullException;
import io.parley.broker.TransactionRolledBackException;
import io.parley.common.ErrorCode;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQInterruptedException;

/**
 * Translates Artemis's exceptions into Parley's typed {@link BrokerException}s, so that nothing
 * Artemis-typed leaves the engine. Each message says what was being done ({@code context}, e.g.
 * {@code "send to queue 'orders'"}) and what Artemis answered. Stateless.
 */
final class Failures {

    private Failures() {
    }

    /** Translates {@code failure}, whatever its type, for the operation {@code context}. */
    static BrokerException translate(String context, Throwable failure) {
        if (failure instanceof BrokerException broker) {
            return broker;
        }
        if (failure instanceof ActiveMQException artemis) {
            return translate(context, artemis);
        }
        if (failure instanceof InterruptedException || failure instanceof ActiveMQInterruptedException) {
            Thread.currentThread().interrupt();
            return new BrokerUnavailableException(context + " was interrupted", failure);
        }
        return new BrokerException(ErrorCode.INTERNAL, context + " failed: " + describe(failure), failure);
    }

    private static BrokerException translate(String context, ActiveMQException e) {
        String detail = describe(e);
        return switch (e.getType()) {
            case ADDRESS_FULL -> new StoreFullException(context + " refused: the store is full"
                    + " (memory or disk limit reached, writes refused until consumers catch up): " + detail, e);
            case NOT_CONNECTED, CONNECTION_TIMEDOUT, DISCONNECTED, REMOTE_DISCONNECT, OBJECT_CLOSED, SHUTDOWN_ERROR,
                 SESSION_CREATION_REJECTED, UNBLOCKED, IO_ERROR, TIMEOUT_EXCEPTION ->
                    new BrokerUnavailableException(context + " failed: Artemis is unavailable: " + detail, e);
            case QUEUE_DOES_NOT_EXIST, ADDRESS_DOES_NOT_EXIST ->
                    new InvalidDestinationException(context + " failed: no such queue or topic: " + detail, e);
            case UNEXPECTED_ROUTING_TYPE_FOR_ADDRESS, INVALID_QUEUE_CONFIGURATION, QUEUE_EXISTS, ADDRESS_EXISTS ->
                    new InvalidDestinationException(context + " failed: " + detail, e);
            case INVALID_FILTER_EXPRESSION ->
                    new BrokerException(ErrorCode.INVALID_ARGUMENT, context + " failed: invalid selector: " + detail, e);
            case TRANSACTION_ROLLED_BACK, TRANSACTION_OUTCOME_UNKNOWN, TRANSACTION_TIMEOUT ->
                    new TransactionRolledBackException(context + ": the transaction was rolled back: " + detail, e);
            case DUPLICATE_ID_REJECTED -> new TransactionRolledBackException(context
                    + ": the transaction was rolled back because it sent a duplicate dedup id: " + detail, e);
            default -> new BrokerException(ErrorCode.INTERNAL, context + " failed: " + detail, e);
        };
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
